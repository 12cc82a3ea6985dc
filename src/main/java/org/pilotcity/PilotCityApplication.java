package org.pilotcity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PilotCityApplication {
  public static void main(String[] args) {
    SpringApplication.run(PilotCityApplication.class, args);
  }
}
