/* global CustomEvent */
// `lightning/platformShowToastEvent` for the preview: the same event name and detail as on the
// platform; the preview page shows it as a toast.
export class ShowToastEvent extends CustomEvent {
  constructor(toast) {
    super('lightning__showtoast', {
      composed: true,
      bubbles: true,
      cancelable: true,
      detail: toast,
    });
  }
}
