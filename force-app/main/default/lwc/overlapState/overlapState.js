import { LightningElement, api } from 'lwc';
import { errorMessage } from 'c/ldsUtils';

/**
 * The states every Overlap read shows above its data: a spinner while loading, the error (through
 * `errorMessage`, so every Apex error reads the same) and the warning that the data came from
 * records synced into the org because the API could not be reached.
 */
export default class OverlapState extends LightningElement {
  /** True while the read has neither data nor an error. */
  @api loading = false;
  /** What is loading, for the spinner's assistive text, e.g. "Loading partners". */
  @api loadingText = 'Loading';
  /** The wire or Apex error, if any. */
  @api error;
  /** What failed, e.g. "Partners could not be loaded". */
  @api errorPrefix = 'Could not load';
  /** The stale-data notice from Apex; shown only when `stale` is true. */
  @api notice;
  @api stale = false;

  get errorText() {
    return this.error ? errorMessage(this.error) : '';
  }

  get showStale() {
    return !!this.stale;
  }
}
