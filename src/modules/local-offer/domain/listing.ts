import { z } from 'zod';

/**
 * A Local Offer service listing as one document: the unit that providers edit, editors moderate and
 * the version history keeps. Field names follow Open Referral UK 3.0 / HSDS 3.0 so that the open data
 * API is a serialiser over the same model. Applying an approved document writes the normalised
 * tables (services, locations, schedules, cost options, contacts, phones, languages, attributes).
 */

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const ACCESS_ROUTES = ['self_referral', 'professional_referral', 'assessment'] as const;
export type AccessRoute = (typeof ACCESS_ROUTES)[number];
export const ACCESS_ROUTE_LABELS: Record<AccessRoute, string> = {
  self_referral: 'You can contact the service yourself',
  professional_referral: 'A professional needs to refer you',
  assessment: 'You need an assessment first',
};

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

/** Venue accessibility features a family can filter on. */
export const VENUE_ACCESSIBILITY = [
  'step_free',
  'accessible_toilet',
  'changing_places',
  'hearing_loop',
  'accessible_parking',
  'quiet_space',
  'sensory_room',
] as const;
export type VenueAccessibility = (typeof VENUE_ACCESSIBILITY)[number];
export const VENUE_ACCESSIBILITY_LABELS: Record<VenueAccessibility, string> = {
  step_free: 'Step-free access',
  accessible_toilet: 'Accessible toilet',
  changing_places: 'Changing Places toilet',
  hearing_loop: 'Hearing loop',
  accessible_parking: 'Accessible parking',
  quiet_space: 'Quiet space',
  sensory_room: 'Sensory room',
};

/** Languages a service can be offered in: ISO 639 codes (BSL is ISO 639-3 `bfi`). */
export const LANGUAGES: Record<string, string> = {
  en: 'English',
  bfi: 'British Sign Language',
  pa: 'Punjabi',
  ur: 'Urdu',
  pl: 'Polish',
  ro: 'Romanian',
  ar: 'Arabic',
  ku: 'Kurdish',
  gu: 'Gujarati',
  bn: 'Bengali',
  so: 'Somali',
  ti: 'Tigrinya',
};
export const LANGUAGE_CODES = Object.keys(LANGUAGES);

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) => text(max).optional();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date in the format YYYY-MM-DD');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time in the format HH:MM');
const age = z.number().int().min(0).max(25);

export const scheduleSchema = z
  .object({
    id: z.uuid().optional(),
    /** weekly and monthly repeat; once is a dated event (dtstart). */
    freq: z.enum(['WEEKLY', 'MONTHLY', 'ONCE']),
    byDay: z.array(z.enum(WEEKDAYS)).default([]),
    /** For a monthly schedule: the ordinal week (1-4, or -1 for the last). */
    weekOfMonth: z.number().int().min(-1).max(4).optional(),
    dtstart: isoDate.optional(),
    validFrom: isoDate.optional(),
    validTo: isoDate.optional(),
    opensAt: time.optional(),
    closesAt: time.optional(),
    termTimeOnly: z.boolean().default(false),
    description: optionalText(500),
  })
  .refine((s) => s.freq !== 'ONCE' || s.dtstart !== undefined, {
    message: 'Enter the date of a one-off event',
    path: ['dtstart'],
  })
  .refine((s) => s.freq === 'ONCE' || s.byDay.length > 0, {
    message: 'Select the days a repeating session runs',
    path: ['byDay'],
  })
  .refine((s) => !s.opensAt || !s.closesAt || s.opensAt < s.closesAt, {
    message: 'The finish time must be after the start time',
    path: ['closesAt'],
  });
export type Schedule = z.infer<typeof scheduleSchema>;

export const locationSchema = z.object({
  id: z.uuid().optional(),
  name: text(200).min(1),
  address1: text(200).min(1),
  city: text(100).min(1),
  postcode: text(10).min(1),
  latitude: z.number().min(49).max(61).optional(),
  longitude: z.number().min(-9).max(3).optional(),
  accessibility: z.array(z.enum(VENUE_ACCESSIBILITY)).default([]),
  accessibilityDetails: optionalText(1000),
});
export type Location = z.infer<typeof locationSchema>;

export const contactSchema = z.object({
  id: z.uuid().optional(),
  name: optionalText(200),
  title: optionalText(200),
  email: z.email().max(254).optional(),
  phone: optionalText(40),
  phoneDescription: optionalText(200),
});
export type Contact = z.infer<typeof contactSchema>;

export const costOptionSchema = z.object({
  id: z.uuid().optional(),
  option: text(200).min(1),
  /** In pounds, to the penny. */
  amount: z.number().min(0).max(100_000).optional(),
  amountDescription: optionalText(500),
});
export type CostOption = z.infer<typeof costOptionSchema>;

export const listingSchema = z
  .object({
    name: text(200).min(1),
    description: text(5000).min(1),
    url: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .optional(),
    email: z.email().max(254).optional(),
    status: z.enum(SERVICE_STATUSES).default('active'),
    /** Internal services are for professionals only: never on the public site or in open data. */
    visibility: z.enum(['public', 'internal']).default('public'),
    minimumAge: age,
    maximumAge: age,
    eligibilityDescription: optionalText(2000),
    accessRoutes: z.array(z.enum(ACCESS_ROUTES)).min(1),
    accessDetails: optionalText(2000),
    isFree: z.boolean(),
    feesDescription: optionalText(1000),
    costOptions: z.array(costOptionSchema).max(20).default([]),
    languages: z
      .array(z.string().refine((c) => c in LANGUAGES, 'Unknown language'))
      .max(20)
      .default([]),
    /** Taxonomy term ids: categories, needs, age groups. */
    termIds: z.array(z.uuid()).max(60).default([]),
    serviceAreas: z.array(text(200).min(1)).max(20).default([]),
    contacts: z.array(contactSchema).max(10).default([]),
    locations: z.array(locationSchema).max(20).default([]),
    schedules: z.array(scheduleSchema).max(50).default([]),
  })
  .refine((l) => l.minimumAge <= l.maximumAge, {
    message: 'The oldest age must be the same as or older than the youngest age',
    path: ['maximumAge'],
  })
  .refine((l) => l.isFree || l.costOptions.length > 0 || l.feesDescription, {
    message: 'Say what the service costs',
    path: ['feesDescription'],
  });

export type Listing = z.infer<typeof listingSchema>;
export type ListingInput = z.input<typeof listingSchema>;
