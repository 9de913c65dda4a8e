/* global fetch */
// `@salesforce/apex` for the preview. Each `@salesforce/apex/OverlapController.<method>` import is
// `apexMethod('<method>')`: callable imperatively (a promise, as in an org) and usable with
// @wire, emitting `{ data, error }` like the platform's Apex wire adapter. The calls go to the
// preview's server-side controller, which holds the workspace key.

const providers = new WeakMap(); // an emitted `{ data, error }` → its wire, for refreshApex

async function invoke(method, params) {
  const res = await fetch(`/preview/apex/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(params || {}),
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    // the shape of an AuraHandledException as the component receives it
    throw { status: res.status, body: { message: body.message || `HTTP ${res.status}` } };
  }
  return body;
}

export function apexMethod(method) {
  const call = (params) => invoke(method, params);
  call.adapter = class ApexWire {
    constructor(dataCallback) {
      this.dataCallback = dataCallback;
      this.config = undefined;
    }

    connect() {}

    disconnect() {}

    update(config) {
      this.config = config;
      // as on the platform, a wire whose parameters are not all set yet does not call Apex
      if (Object.values(config || {}).some((v) => v === undefined)) return;
      this.load();
    }

    async load() {
      const config = this.config;
      let value;
      try {
        value = { data: await invoke(method, config), error: undefined };
      } catch (error) {
        value = { data: undefined, error };
      }
      if (config !== this.config) return; // a newer config is on its way
      providers.set(value, this);
      this.dataCallback(value);
    }
  };
  return call;
}

export function refreshApex(wiredValue) {
  const wire = wiredValue && providers.get(wiredValue);
  return wire ? wire.load() : Promise.resolve();
}

export function getSObjectValue(record, field) {
  return record ? record[field] : undefined;
}
