// The API version reported by /healthz and /openapi.json; clients (sf overlap doctor) compare majors.
export const API_VERSION = '1.0.0';
