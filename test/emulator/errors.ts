/**
 * Request-level API errors. Salesforce answers them as a JSON array
 * `[{ "message", "errorCode", "fields"? }]` with the HTTP status listed on the REST API page
 * "Status Codes and Error Responses".
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }

  body(): Array<{ message: string; errorCode: string; fields?: string[] }> {
    return [
      {
        message: this.message,
        errorCode: this.errorCode,
        ...(this.fields ? { fields: this.fields } : {}),
      },
    ];
  }
}
