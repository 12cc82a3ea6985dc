package org.pilotcity.organization;

/**
 * One of the 36 applicant units (申报单位) of the notice: a province, autonomous region, municipality or
 * city specifically designated in the state plan. Its administrative-division code is its tenant id.
 * Region and quota are rules and live in the DMN tables, not here.
 */
public record ApplicantUnit(String code, String nameZh, String nameEn, String kind) {}
