import { nextWireState, WireStateMixin } from 'c/wireState';
import { refreshApex } from '@salesforce/apex';

jest.mock('@salesforce/apex', () => ({ refreshApex: jest.fn() }), { virtual: true });

// The mixin's logic does not need a rendered component: a plain base class is enough here; the
// component suites (partnerOverlaps, opportunityPartners, partnerPlanning) cover it on LightningElement.
class Host extends WireStateMixin(class {}) {}

const DATA = { overlaps: [{ id: 'ov-1' }], stale: false };
const ERROR = { body: { message: 'The Overlap API answered with HTTP 401.' } };

describe('c/wireState', () => {
  afterEach(() => jest.clearAllMocks());

  describe('nextWireState', () => {
    it('takes the data and drops an earlier error', () => {
      expect(nextWireState({ data: undefined, error: ERROR }, { data: DATA })).toEqual({
        data: DATA,
        error: undefined,
      });
    });

    it('takes the error and drops earlier data', () => {
      expect(nextWireState({ data: DATA, error: undefined }, { error: ERROR })).toEqual({
        data: undefined,
        error: ERROR,
      });
    });

    it('keeps what is shown when the wire emits neither', () => {
      expect(nextWireState({ data: DATA }, { data: undefined, error: undefined })).toEqual({
        data: DATA,
        error: undefined,
      });
      expect(nextWireState({ error: ERROR }, undefined)).toEqual({ data: undefined, error: ERROR });
      expect(nextWireState(undefined, {})).toEqual({ data: undefined, error: undefined });
    });
  });

  describe('WireStateMixin', () => {
    it('is loading until the wire answers, then shows the data', () => {
      const host = new Host();
      expect(host.isLoading).toBe(true);
      expect(host.refreshing).toBe(false);

      const result = { data: DATA, error: undefined };
      host.receiveWire(result);
      expect(host.wiredResult).toBe(result);
      expect(host.data).toBe(DATA);
      expect(host.error).toBeUndefined();
      expect(host.isLoading).toBe(false);
      expect(host.isStale).toBe(false);
    });

    it('replaces the data with the error, and the error with new data', () => {
      const host = new Host();
      host.receiveWire({ data: DATA });
      host.receiveWire({ error: ERROR });
      expect(host.data).toBeUndefined();
      expect(host.error).toBe(ERROR);
      expect(host.isLoading).toBe(false);

      host.receiveWire({ data: DATA });
      expect(host.error).toBeUndefined();
      expect(host.data).toBe(DATA);
    });

    it('keeps the last answer on an empty emission but remembers the emission for refresh', () => {
      const host = new Host();
      host.receiveWire({ data: DATA });
      const empty = { data: undefined, error: undefined };
      host.receiveWire(empty);
      expect(host.data).toBe(DATA);
      expect(host.isLoading).toBe(false);
      expect(host.wiredResult).toBe(empty);
    });

    it('exposes the stale flag and notice of data read from synced records', () => {
      const host = new Host();
      host.receiveWire({ data: { ...DATA, stale: true, notice: 'Showing synced data.' } });
      expect(host.isStale).toBe(true);
      expect(host.staleNotice).toBe('Showing synced data.');
      host.receiveWire({ error: ERROR });
      expect(host.isStale).toBe(false);
      expect(host.staleNotice).toBeUndefined();
    });

    it('refreshes the wired result and is refreshing only meanwhile', async () => {
      let finish;
      refreshApex.mockReturnValue(new Promise((resolve) => (finish = resolve)));
      const host = new Host();
      const result = { data: DATA };
      host.receiveWire(result);

      const done = host.handleRefresh();
      expect(refreshApex).toHaveBeenCalledWith(result);
      expect(host.refreshing).toBe(true);
      finish();
      await done;
      expect(host.refreshing).toBe(false);
    });

    it('stops refreshing when the refresh fails and lets the caller see the error', async () => {
      refreshApex.mockRejectedValue(ERROR);
      const host = new Host();
      host.receiveWire({ data: DATA });
      await expect(host.handleRefresh()).rejects.toBe(ERROR);
      expect(host.refreshing).toBe(false);
    });
  });
});
