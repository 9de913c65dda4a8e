/**
 * The plugin's commands, by id. package.json's oclif section points here ("explicit" discovery),
 * so oclif needs no build step and no file-system scan; add each new command on one line.
 */
import Connect from './overlap/connect';
import Doctor from './overlap/doctor';
import Import from './overlap/import';
import Match from './overlap/match';
import MatrixCommand from './overlap/matrix';
import OverlapList from './overlap/overlap/list';
import PartnerAccept from './overlap/partner/accept';
import PartnerInvite from './overlap/partner/invite';
import PartnerList from './overlap/partner/list';
import PlanningSessionList from './overlap/planning/session/list';
import PlanningTargetList from './overlap/planning/target/list';
import SharingGet from './overlap/sharing/get';
import SharingSet from './overlap/sharing/set';
import Sync from './overlap/sync';
import SyncList from './overlap/sync/list';

export const COMMANDS = {
  'overlap:connect': Connect,
  'overlap:doctor': Doctor,
  'overlap:import': Import,
  'overlap:match': Match,
  'overlap:matrix': MatrixCommand,
  'overlap:overlap:list': OverlapList,
  'overlap:partner:accept': PartnerAccept,
  'overlap:partner:invite': PartnerInvite,
  'overlap:partner:list': PartnerList,
  'overlap:planning:session:list': PlanningSessionList,
  'overlap:planning:target:list': PlanningTargetList,
  'overlap:sharing:get': SharingGet,
  'overlap:sharing:set': SharingSet,
  'overlap:sync': Sync,
  'overlap:sync:list': SyncList,
};
