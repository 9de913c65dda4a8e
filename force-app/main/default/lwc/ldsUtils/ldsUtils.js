/**
 * Reduces one or more LDS / Apex / JS errors into a list of readable messages.
 * Apex `AuraHandledException` messages arrive as `error.body.message`.
 * @param {FetchResponse|FetchResponse[]|Error} errors
 * @return {String[]} Error messages
 */
export function reduceErrors(errors) {
  const list = Array.isArray(errors) ? errors : [errors];
  return list
    .filter((error) => !!error)
    .map((error) => {
      // UI API read errors
      if (Array.isArray(error.body)) {
        return error.body.map((e) => e.message);
      }
      // Page level errors
      if (error?.body?.pageErrors?.length > 0) {
        return error.body.pageErrors.map((e) => e.message);
      }
      // Field level errors
      if (error?.body?.fieldErrors && Object.keys(error.body.fieldErrors).length > 0) {
        return Object.values(error.body.fieldErrors).flatMap((errorArray) =>
          errorArray.map((e) => e.message),
        );
      }
      // UI API DML page level errors
      if (error?.body?.output?.errors?.length > 0) {
        return error.body.output.errors.map((e) => e.message);
      }
      // UI API DML field level errors
      if (
        error?.body?.output?.fieldErrors &&
        Object.keys(error.body.output.fieldErrors).length > 0
      ) {
        return Object.values(error.body.output.fieldErrors).flatMap((errorArray) =>
          errorArray.map((e) => e.message),
        );
      }
      // Apex (AuraHandledException), UI API DML and network errors
      if (typeof error?.body?.message === 'string') {
        return error.body.message;
      }
      // JS errors
      if (typeof error.message === 'string') {
        return error.message;
      }
      // Unknown shape: try the HTTP status text
      return error.statusText;
    })
    .reduce((prev, curr) => prev.concat(curr), [])
    .filter((message) => !!message);
}

/**
 * One sentence for an error panel or a toast.
 * @param {*} errors anything reduceErrors accepts
 * @return {String}
 */
export function errorMessage(errors) {
  const messages = reduceErrors(errors);
  return messages.length > 0 ? messages.join(' ') : 'Unknown error';
}

/**
 * Confidence 0..1 as a whole percentage label, e.g. 0.973 -> "97%".
 * @param {Number} value
 * @return {String}
 */
export function percent(value) {
  if (value === null || value === undefined || isNaN(value)) {
    return '';
  }
  return `${Math.round(Number(value) * 100)}%`;
}
