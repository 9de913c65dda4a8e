import { refreshApex } from '@salesforce/apex';

/**
 * The next `{ data, error }` of a wired read after the wire emitted `result`. An emission with
 * neither (the wire re-provisioning) keeps what is shown, so the panel does not flash back to
 * the spinner.
 * @param {{data?: *, error?: *}} current what the component shows now
 * @param {{data?: *, error?: *}} result what the wire emitted
 * @return {{data: *, error: *}}
 */
export function nextWireState(current, result) {
  if (result?.data) {
    return { data: result.data, error: undefined };
  }
  if (result?.error) {
    return { data: undefined, error: result.error };
  }
  return { data: current?.data, error: current?.error };
}

/**
 * Adds the state of one wired Apex read to a component, so that the wired handler, the
 * loading / stale getters that feed `c-overlap-state` and the refresh button are written once.
 * The component keeps its own `@wire` (the adapter and its config are its own) and hands each
 * emission to `receiveWire`:
 *
 *     export default class PartnerPlanning extends WireStateMixin(LightningElement) {
 *       @wire(getPlanning, { partnerRecordId: '$recordId' })
 *       wiredPlanning(result) { this.receiveWire(result); }
 *     }
 *
 * The Apex answer may carry `stale` and `notice` (data read from records synced into the org
 * because the API could not be reached); `isStale` and `staleNotice` expose them.
 * @param {Function} Base LightningElement or a class extending it
 * @return {Function} Base plus `wiredResult`, `data`, `error`, `refreshing`, `receiveWire`,
 *   `isLoading`, `isStale`, `staleNotice` and `handleRefresh`
 */
export const WireStateMixin = (Base) =>
  class extends Base {
    /** The last emission as it came, for refreshApex. */
    wiredResult;
    data;
    error;
    refreshing = false;

    receiveWire(result) {
      this.wiredResult = result;
      const next = nextWireState(this, result);
      this.data = next.data;
      this.error = next.error;
    }

    get isLoading() {
      return !this.data && !this.error;
    }

    get isStale() {
      return !!this.data?.stale;
    }

    get staleNotice() {
      return this.data?.notice;
    }

    async handleRefresh() {
      this.refreshing = true;
      try {
        await refreshApex(this.wiredResult);
      } finally {
        this.refreshing = false;
      }
    }
  };
