/**
 * Domains that many unrelated companies share, so a website there says nothing about
 * which company a record is: free-mail providers, site builders and hosting platforms.
 *
 * Hosting platforms listed in the Public Suffix List's private section (github.io,
 * herokuapp.com, myshopify.com, …) are already caught through tldts; this list holds the
 * ones the PSL does not cover and the free-mail providers (which the PSL never lists).
 */
// prettier-ignore
export const SHARED_DOMAINS = new Set([
  // free mail
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr',
  'live.com', 'msn.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.co.jp', 'yahoo.fr', 'ymail.com',
  'aol.com', 'icloud.com', 'me.com', 'mac.com', 'protonmail.com', 'proton.me', 'pm.me',
  'gmx.com', 'gmx.de', 'gmx.net', 'web.de', 't-online.de', 'mail.com', 'mail.ru', 'yandex.ru',
  'yandex.com', 'zoho.com', 'zohomail.com', 'qq.com', '163.com', '126.com', 'sina.com',
  'naver.com', 'daum.net', 'hanmail.net', 'rediffmail.com', 'free.fr', 'orange.fr', 'wanadoo.fr',
  'laposte.net', 'libero.it', 'virgilio.it', 'btinternet.com', 'comcast.net', 'verizon.net',
  'att.net', 'sbcglobal.net', 'bellsouth.net', 'cox.net', 'shaw.ca', 'rogers.com', 'bigpond.com',
  'optusnet.com.au', 'tutanota.com', 'fastmail.com', 'hey.com', 'seznam.cz', 'wp.pl', 'o2.pl',
  'interia.pl', 'uol.com.br', 'bol.com.br', 'terra.com.br',
  // site builders, hosting, link-in-bio, social profiles used as "websites"
  'wixsite.com', 'wix.com', 'squarespace.com', 'weebly.com', 'wordpress.com', 'blogspot.com',
  'blogger.com', 'tumblr.com', 'medium.com', 'substack.com', 'godaddysites.com', 'webflow.io',
  'carrd.co', 'linktr.ee', 'sites.google.com', 'google.com/site', 'business.site', 'jimdo.com',
  'jimdofree.com', 'strikingly.com', 'webnode.com', 'yolasite.com', 'site123.me', 'ueniweb.com',
  'facebook.com', 'fb.com', 'linkedin.com', 'instagram.com', 'twitter.com', 'x.com',
  'youtube.com', 'tiktok.com', 'yelp.com', 'crunchbase.com', 'angel.co', 'wellfound.com',
  'github.com', 'gitlab.com', 'bitbucket.org', 'notion.site', 'notion.so', 'typeform.com',
  'myshopify.com', 'shopify.com', 'bigcartel.com', 'etsy.com', 'amazonaws.com', 'cloudfront.net',
  'azurewebsites.net', 'herokuapp.com', 'netlify.app', 'vercel.app', 'pages.dev', 'github.io',
  'firebaseapp.com', 'web.app', 'appspot.com', 'glitch.me', 'repl.co', 'fly.dev', 'onrender.com',
  'example.com', 'example.org', 'example.net', 'test.com', 'domain.com', 'website.com', 'none.com',
  'na.com', 'noemail.com', 'email.com', 'company.com',
]);
