/**
 * googleapis' Calendar API alone. The package root builds a client for every Google API it ships (about 110 MB of
 * resident memory in each process); this entry loads only Calendar and the auth library (about 18 MB). Same
 * package, same clients: every googleapis runtime import in this codebase goes through here.
 */
export { auth as googleAuth, calendar as googleCalendar } from 'googleapis/build/src/apis/calendar';
export type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
