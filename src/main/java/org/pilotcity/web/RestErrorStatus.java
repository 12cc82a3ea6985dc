package org.pilotcity.web;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives REST callers the status their request deserves where Camunda answers 500: another unit's
 * task or instance (tenant check, ENGINE-13034) is 403 Forbidden, and input refused by our
 * server-side form checks is 400 Bad Request even when the engine wraps it (e.g. on start).
 * Everything else keeps Camunda's own answer.
 */
@Configuration
public class RestErrorStatus {

  static final String TENANT_CHECK_FAILED = "ENGINE-13034";
  private static final Logger LOG = LoggerFactory.getLogger(RestErrorStatus.class);

  @Bean
  ResourceConfigCustomizer restErrorStatusMappers() {
    return config -> config.register(EngineErrors.class).register(WrappedErrors.class);
  }

  static Response respond(Throwable e) {
    Response.Status status = statusFor(e);
    if (status == null) {
      return ExceptionHandlerHelper.getInstance().getResponse(e);
    }
    // the caller's mistake, not the server's: no error log, as Camunda does for its own 4xx
    LOG.debug("REST request refused with {}: {}", status.getStatusCode(), e.getMessage());
    return Response.status(status).entity(ExceptionHandlerHelper.getInstance().fromException(e))
        .type(MediaType.APPLICATION_JSON_TYPE).build();
  }

  static Response.Status statusFor(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BadUserRequestException) {
        return Response.Status.BAD_REQUEST;
      }
      if (t.getMessage() != null && t.getMessage().contains(TENANT_CHECK_FAILED)) {
        return Response.Status.FORBIDDEN;
      }
    }
    return null;
  }

  @Priority(1)
  public static class EngineErrors implements ExceptionMapper<ProcessEngineException> {
    @Override
    public Response toResponse(ProcessEngineException e) {
      return respond(e);
    }
  }

  @Priority(1)
  public static class WrappedErrors implements ExceptionMapper<RestException> {
    @Override
    public Response toResponse(RestException e) {
      return respond(e);
    }
  }
}
