const PHRASES = {
  customers: 'is your customer',
  'open opportunities': 'is an open opportunity for you',
  prospects: 'is your prospect',
  leads: 'is your lead',
};

/**
 * How a partner population reads in a sentence: "is your customer", "is in your Strategic list".
 * @param {String} population partner population name
 * @return {String}
 */
export function populationPhrase(population) {
  if (!population) {
    return 'is on your list';
  }
  return PHRASES[population.toLowerCase()] || `is in your ${population} list`;
}

/**
 * The default intro message: "Hi {owner}, I saw {account} is your {population}…".
 * The rep edits it before sending.
 * @param {{ownerName?: String, partnerName?: String, accountName?: String, population?: String}} input
 * @return {String}
 */
export function introMessage({ ownerName, partnerName, accountName, population }) {
  let greeting = 'Hi there';
  if (ownerName) {
    greeting = `Hi ${ownerName.trim().split(' ')[0]}`;
  } else if (partnerName) {
    greeting = `Hi ${partnerName} team`;
  }
  const account = accountName || 'this account';
  return (
    `${greeting}, I saw ${account} ${populationPhrase(population)}. ` +
    `We're working with them too and I think there's a good fit for a joint approach. ` +
    `Would you be open to a quick intro to the right person on their side, or a short call to compare notes? Thanks!`
  );
}
