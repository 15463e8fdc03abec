/**
 * iCalendar-aware mutations: whole content lines duplicated or dropped, random parameters, huge values, deep
 * component nesting, random RRULE parts, odd TZIDs, odd date-times, METHOD/SEQUENCE changes and control
 * characters in values (RFC 5545 §3.1 allows no CTL but HTAB). Each works on latin1 text and keeps the input
 * recognisably iCalendar, so the mutation reaches past the first syntax check.
 */
import type { Random } from './random.js';
export declare function duplicateProperty(s: string, r: Random): string;
export declare function dropProperty(s: string, r: Random): string;
export declare function randomParameter(s: string, r: Random): string;
export declare function hugeValue(s: string, r: Random): string;
export declare function deepNesting(s: string, r: Random): string;
export declare function randomRrule(r: Random): string;
export declare function rruleMutation(s: string, r: Random): string;
export declare const ODD_TZIDS: string[];
export declare function oddTzid(s: string, r: Random): string;
export declare function oddTime(s: string, r: Random): string;
export declare function schedulingFields(s: string, r: Random): string;
export declare function controlCharacters(s: string, r: Random): string;
export declare const ICAL_MUTATIONS: readonly [typeof duplicateProperty, typeof dropProperty, typeof randomParameter, typeof hugeValue, typeof deepNesting, typeof rruleMutation, typeof oddTzid, typeof oddTime, typeof schedulingFields, typeof controlCharacters];
