import { normalizeName, registrableDomain, matchAccounts } from '../api/src/matching';
for (const n of ['Acme GmbH & Co. KG','The Coca-Cola Company','Société Générale S.A.','Acme Corp dba Roadrunner Supply','Booking.com B.V.','AT&T Inc.','Johnson and Johnson','Grupo Bimbo, S.A.B. de C.V.','Acme Sp. z o.o.','ACME S A S','Acme Intl Holdings Ltd.','Acme (UK) Limited','Acme Inc (formerly Widget Co)','Toyota Motor Corporation','Nestlé S.A.','McDonald\'s Corp','Apple','Delta','Alphabet Inc.','Sony Group Corporation','L\'Oréal']) console.log(n, '→', JSON.stringify(normalizeName(n)));
for (const w of ['https://WWW.Acme.COM./about?x=1','shop.acme.co.uk:8080','acme.github.io','info@acme.com','gmail.com','https://münchen.de','http://192.168.0.1','', 'foo']) console.log(w, '→', registrableDomain(w));
(async()=>{
 console.log(await matchAccounts([{id:'m1',name:'Acme Inc',website:'acme.com',country:'US'},{id:'m2',name:'Acme Software Solutions',country:'US'},{id:'m3',name:'Delta',country:'US'},{id:'m4',name:'Microsft Corporation',country:'US'}],
 [{id:'t1',name:'ACME, Incorporated',website:'https://www.acme.com/'},{id:'t2',name:'Acme Software',country:'USA'},{id:'t3',name:'Delta',country:'United States'},{id:'t4',name:'Microsoft Corp', country:'US'},{id:'t5',name:'Acme Child',parentId:'t1', website:'acmechild.com'}]));
})();
