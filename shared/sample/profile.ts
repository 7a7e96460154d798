import type { Respondent } from '../schemas/response';
import type { Random } from './random';
import type { NameRegion } from './places';
import { CITIES, COUNTRIES, NAMES, slugify } from './places';

/** Who a sample response is from, and what every made-up answer of it is built around. */
export interface SampleProfile {
  readonly kind: 'country' | 'city';
  /** Country name (national instruments) or city name (local ones). */
  readonly place: string;
  /** The country (for a city, the country it belongs to). */
  readonly country: string;
  readonly region: NameRegion;
  readonly languages: readonly string[];
  /** The country's most populous city (for a city: the city itself). */
  readonly largestCity: string;
  /** Base host of the respondent's sites, under `.example`: `gov.uruguay.example`. */
  readonly domain: string;
  readonly organisation: string;
  /** Host of the respondent's organisation: `agesic.gov.uruguay.example`. */
  readonly organisationHost: string;
  readonly focalPoint: Person;
  readonly focalPointTitle: string;
  /** How far along e-government is: the chance of a "yes" to an indicator. */
  readonly maturity: number;
}

export interface Person {
  readonly name: string;
  readonly email: string;
}

const NATIONAL_ORGANISATIONS: readonly { readonly name: string; readonly host: string }[] = [
  { name: 'Ministry of Digital Transformation', host: 'digital' },
  { name: 'National E-Government Agency', host: 'egov' },
  { name: 'Digital Government Authority', host: 'dga' },
  { name: 'Ministry of Public Administration and Digital Affairs', host: 'mpa' },
  { name: 'Office of the Prime Minister, Digital Transformation Unit', host: 'opm' },
  { name: 'National Agency for the Information Society', host: 'infosociety' },
  { name: 'Ministry of Communications and Information Technology', host: 'mcit' },
];

const LOCAL_ORGANISATIONS: readonly { readonly name: string; readonly host: string }[] = [
  { name: 'City Hall, Department of Digital Services', host: 'digital' },
  { name: 'Municipal Information Technology Office', host: 'it' },
  { name: 'Office of the Mayor, Innovation and Smart City Unit', host: 'innovation' },
  { name: 'City Council, E-Government Division', host: 'egov' },
  { name: 'Municipal Directorate for Modernisation', host: 'modernisation' },
];

const NATIONAL_TITLES = [
  'Director of Digital Government',
  'Head of E-Government Policy',
  'Senior Digital Transformation Officer',
  'Deputy Director, Digital Public Services',
  'Chief Policy Analyst, E-Government',
  'Programme Manager, Digital Government',
];

const LOCAL_TITLES = [
  'Head of Digital Services',
  'Smart City Programme Manager',
  'Chief Information Officer',
  'Senior Officer, E-Government',
  'Director of Innovation',
];

export interface Place {
  readonly name: string;
  readonly country: string;
  readonly region: NameRegion;
  readonly languages: readonly string[];
  readonly largestCity: string;
}

/** The places a definition's respondents can come from, in a fixed order. */
export function placesFor(kind: 'country' | 'city'): readonly Place[] {
  return kind === 'country'
    ? COUNTRIES.map((c) => ({ name: c.name, country: c.name, region: c.region, languages: c.languages, largestCity: c.largestCity }))
    : CITIES.map((c) => ({ ...c, largestCity: c.name }));
}

/** A person from the respondent's region, with an address at `host`. */
export function makePerson(random: Random, region: NameRegion, host: string): Person {
  const pool = NAMES[region];
  const given = random.pick(pool.given);
  const family = random.pick(pool.family);
  return { name: `${given} ${family}`, email: `${slugify(given, '.')}.${slugify(family, '.')}@${host}` };
}

export function makeProfile(random: Random, kind: 'country' | 'city', place: Place): SampleProfile {
  const domain = kind === 'country' ? `gov.${slugify(place.name)}.example` : `${slugify(place.name)}.${slugify(place.country)}.example`;
  const organisation = random.pick(kind === 'country' ? NATIONAL_ORGANISATIONS : LOCAL_ORGANISATIONS);
  const organisationHost = `${organisation.host}.${domain}`;
  return {
    kind,
    place: place.name,
    country: place.country,
    region: place.region,
    languages: place.languages,
    largestCity: place.largestCity,
    domain,
    organisation: organisation.name,
    organisationHost,
    focalPoint: makePerson(random, place.region, organisationHost),
    focalPointTitle: random.pick(kind === 'country' ? NATIONAL_TITLES : LOCAL_TITLES),
    maturity: 0.55 + random.next() * 0.35,
  };
}

export function respondentOf(profile: SampleProfile): Respondent {
  return {
    kind: profile.kind,
    place: profile.place,
    organisation: profile.organisation,
    focalPointName: profile.focalPoint.name,
    focalPointEmail: profile.focalPoint.email,
  };
}
