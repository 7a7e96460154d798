import type { Random } from './random';
import type { SampleProfile } from './profile';
import { makePerson } from './profile';
import { slugify } from './places';
import type { Topic } from './topics';
import { GENERIC_TOPIC, subjectOf, topicOf } from './topics';

/** What a text or address answer is written from. */
export interface TextContext {
  readonly profile: SampleProfile;
  readonly random: Random;
  readonly surveyYear: number;
  /** The question's English label, lower case. */
  readonly label: string;
  /** The label of the question this one follows up (from its relevance condition), lower case. */
  readonly parentLabel: string;
  /** In a group row: what the row is about (the option of its first choice sub-question). */
  readonly rowTheme?: { readonly value: string; readonly label: string } | undefined;
}

const POST_TITLES = ['Government Chief Information Officer', 'National Chief Digital Officer', 'Commissioner for Digital Transformation', 'Director-General for Digital Government'];
const LOCAL_POST_TITLES = ['Chief Information Officer', 'Chief Digital Officer', 'Director of Digital Transformation', 'Head of the Smart City Office'];
const LICENCES = ['Creative Commons Attribution 4.0 International (CC BY 4.0)', 'Open Government Licence 1.0', 'Open Data Commons Open Database License (ODbL)'];
const LOCAL_UNITS = ['Department of Digital Services', 'Office of the Mayor', 'Directorate of Innovation and Technology', 'Municipal IT Office'];

/** A title in the form the label asks for: a law, a strategy, a local rule, a plan… */
function titleFor(context: TextContext, topic: Topic): string {
  const { label, random, surveyYear, profile } = context;
  const year = random.int(surveyYear - 8, surveyYear - 1);
  const local = profile.kind === 'city';
  if (/local rule/.test(label)) return `Municipal Ordinance No. ${random.int(12, 240)}/${year} on ${topic.name}`;
  if (/licen[cs]e/.test(label)) return random.pick(LICENCES);
  if (/programme/.test(label)) return `${local ? profile.place : 'National'} ${topic.name === 'Digital Government' ? 'Digital Skills' : topic.name} Programme`;
  if (/plan\b/.test(label)) return `${topic.name} Plan ${year}–${year + 4}`;
  if (/framework or platform|platform/.test(label)) return `${local ? profile.place : 'National'} ${topic.name} Platform`;
  if (/strategy|framework/.test(label) && !/law/.test(label)) {
    const base = `${local ? profile.place : 'National'} ${topic.name} ${/framework/.test(label) && !/strategy/.test(label) ? 'Framework' : 'Strategy'} ${year}–${year + 5}`;
    return /year of adoption/.test(label) ? `${base}, adopted in ${String(year)}` : base;
  }
  if (/law|regulation|policy/.test(label)) {
    const forms = [`${topic.name} Act`, `Law No. ${random.int(10, 999)} of ${year} on ${topic.name}`, `${topic.name} Policy`];
    return random.pick(forms);
  }
  return `${local ? profile.place : 'National'} ${topic.name} Strategy ${year}–${year + 5}`;
}

/** A short text answer that fits the label. */
export function shortText(context: TextContext): string {
  const { label, parentLabel, random, profile } = context;
  const local = profile.kind === 'city';
  if (/phone/.test(label)) return `+${random.int(20, 998)} ${random.int(1000, 9999)} ${random.int(1000, 9999)}`;
  if (/country the city belongs to/.test(label)) return profile.country;
  if (/most populous city/.test(label)) return profile.largestCity;
  if (/job title|your position/.test(label)) return /unit/.test(label) ? `${profile.focalPointTitle}, ${profile.organisation}` : profile.focalPointTitle;
  if (/full name|name of the person/.test(label)) return makePerson(random, profile.region, profile.organisationHost).name;
  if (/title of (that person|the post)|title of the post|official title of that/.test(label)) return random.pick(local ? LOCAL_POST_TITLES : POST_TITLES);
  if (/unit or department|unit responsible/.test(label)) return random.pick(LOCAL_UNITS);
  if (/languages/.test(label)) return (/besides/.test(label) ? profile.languages.slice(1) : profile.languages).join(', ') || 'English';
  if (/apps/.test(label)) return `${profile.place} App, ${profile.place} Pay, ${profile.place} Report-a-Problem`;
  if (/digital id|login method/.test(label)) return `${profile.country} national eID (mobile ID and ID card)`;
  if (/ministry or agency|in charge of/.test(label)) return profile.organisation;
  if (/name of the ministry/.test(label)) return ministryName(context);
  if (/name of the platform/.test(label)) return random.pick(['Mastodon', 'Threads', 'Bluesky', 'VK']);
  if (/what is this site for/.test(label)) return sitePurposeFor(context);
  if (/which other/.test(label)) return random.pick(['Call centre and post offices', 'Digital television', 'Community radio and SMS', 'Public libraries']);
  if (/title|name of the (licence|programme|framework)|name of the/.test(label)) return titleFor(context, subjectOf(label, parentLabel));
  return `${topicOf(label, parentLabel).name} (${profile.place})`;
}

function ministryName({ rowTheme, random }: TextContext): string {
  if (rowTheme) return `Ministry of ${titleCase(rowTheme.label)}`;
  return random.pick(['Ministry of Health', 'Ministry of Education', 'Ministry of Labour', 'Ministry of Justice']);
}

function titleCase(text: string): string {
  return text.replace(/\b(\p{Ll})(\p{L}*)/gu, (word: string, first: string, rest: string) => (/^(and|of|or|the)$/.test(word) ? word : `${first.toUpperCase()}${rest}`));
}

function sitePurposeFor({ rowTheme, random, profile }: TextContext): string {
  if (rowTheme?.value === 'main-portal') return `Main portal of ${profile.place}: news, services and contacts`;
  if (rowTheme?.value === 'app') return 'Mobile app for reporting street problems and paying local taxes';
  if (rowTheme?.value === 'external') return 'Online payments of local taxes, run by a national service';
  return random.pick(['Tourism and culture', 'Public transport information', 'Open data portal of the city', 'Participatory budgeting']);
}

const OBSTACLES = [
  'Many older residents have never used an online service and prefer to come to a service counter.',
  'Broadband is still slow or expensive in rural areas, so people use mobile phones with limited data.',
  'Several services still ask for paper documents that other agencies already hold.',
  'Awareness of the portal is low outside the capital; a campaign is planned for next year.',
];

/** A long text answer of two or three sentences that fits the label. */
export function longText(context: TextContext): string {
  const { label, parentLabel, random, profile, surveyYear } = context;
  const portal = `https://www.${profile.domain}/`;
  const topic = subjectOf(label, parentLabel);
  const n = random.int(12, 95);
  if (/obstacle/.test(label)) return random.sample(OBSTACLES, 2).join(' ');
  if (/other comments/.test(label)) return `The figures in this response were compiled by the ${profile.organisation} in ${String(surveyYear)} from agency reports. Contact the focal point for the underlying data.`;
  if (/good practice/.test(label)) return `The one-stop portal (${portal}) lets people follow every application online. Since its launch, waiting times at service counters fell by about ${String(n)} per cent.`;
  if (/with links|give an example|give examples|examples/.test(label)) {
    return `A chatbot answers common questions on ${portal}assistant, and sensors report traffic and air quality in real time (${portal}open-data). A pilot with ${String(n)} schools uses a shared data platform.`;
  }
  if (/links to these services/.test(label)) return `Services for older people: ${portal}seniors. Services for persons with disabilities: ${portal}accessibility. Youth employment: ${portal}youth.`;
  if (/online services/.test(label)) return `Online appointments, certificates and applications, listed at https://${slugify(context.rowTheme?.label ?? 'services')}.${profile.domain}/services.`;
  if (/used most/.test(label)) return `Local tax payments, parking permits and civil registry certificates account for about ${String(n)} per cent of online transactions.`;
  if (/placed|report to|structure/.test(label)) return `The e-government unit sits in the ${random.pick(LOCAL_UNITS)} and reports to the Mayor's office. It coordinates the digital projects of all city departments.`;
  if (/key performance/.test(label)) return `Share of services fully online; number of registered users; user satisfaction; average processing time of online applications.`;
  if (/linked/.test(label)) return `The strategy follows the national digital government strategy, and its targets are reported in the city's Voluntary Local Review on the Sustainable Development Goals.`;
  if (/local rules/.test(label)) return `Local ordinances add rules on open data publication, online participation in the city council, and the protection of residents' personal data.`;
  if (/crisis|introduce or expand/.test(label)) return `During the last emergency the city moved permit applications and social assistance requests online, and sent alerts by SMS to ${String(n)} thousand residents.`;
  if (/scheme/.test(label)) return `People sign in with the national ID card or a mobile ID. About ${String(n)} per cent of adults have activated their digital identity.`;
  if (/local e-government initiatives/.test(label)) return `Several cities share one platform for local services, supported by a national fund. ${profile.largestCity} publishes its budget as open data.`;
  if (/channels offer|what these channels/.test(label)) return `A single emergency page gathers official information, hotlines and online forms for assistance, with updates pushed through the government app.`;
  if (/apps|mobile services/.test(label)) return `${profile.place} App (${portal}app): certificates, payments and appointments. Health app (${portal}health-app): vaccination records and bookings.`;
  const name = topic === GENERIC_TOPIC ? 'digital government' : topic.name.toLowerCase();
  return `The ${profile.organisation} leads the work on ${name}. Details are published on ${portal}${topic.slug}.`;
}

/** A page address that fits the label: its own host for portals, a path on the main site otherwise. */
export function urlFor(context: TextContext): string {
  const { label, parentLabel, profile, rowTheme } = context;
  if (rowTheme) return rowThemeUrl(context, rowTheme);
  if (/national (government )?portal|official (city )?portal|city's official portal|address \(url\) of the portal|official portal/.test(label)) {
    return `https://www.${profile.domain}/`;
  }
  const topic = subjectOf(label, parentLabel);
  if (topic.host !== undefined && /portal|platform|address|service/.test(label)) return `https://${topic.host}.${profile.domain}/`;
  if (/licen[cs]e/.test(label)) return `https://data.${profile.domain}/licence`;
  if (/text of|strategy document|the policy/.test(label)) return `https://www.${profile.domain}/documents/${topic.slug}.pdf`;
  if (/presents|presenting|person/.test(label)) return `https://www.${profile.domain}/about/leadership`;
  if (/organisation chart/.test(label)) return `https://www.${profile.domain}/about/organisation-chart`;
  if (/most populous city|that city/.test(label)) return `https://www.${slugify(profile.largestCity)}.${slugify(profile.country)}.example/`;
  if (/ministry or agency/.test(label)) return `https://${profile.organisationHost}/`;
  return `https://www.${profile.domain}/${topic.slug}`;
}

const SOCIAL = new Set(['facebook', 'x', 'instagram', 'youtube', 'linkedin', 'tiktok', 'whatsapp', 'telegram', 'wechat']);

function rowThemeUrl({ profile }: TextContext, theme: { readonly value: string; readonly label: string }): string {
  const handle = slugify(profile.place, '');
  if (SOCIAL.has(theme.value)) return `https://${theme.value}.example/${handle}`;
  if (theme.value === 'main-portal') return `https://www.${profile.domain}/`;
  return `https://${slugify(theme.label)}.${profile.domain}/`;
}

const FILLER = new Set(
  'a an and any are as be by can city city\'s do does for from give government has have how in is it its let link list national of offer on or people portal provide publish sector\'s show site such than that the there through to use users what which with'.split(' '),
);

/** The words of a label that say what it is about: "pay energy utility bills online". */
export function labelPhrase(label: string): string {
  const words = label
    .replace(/^[^:?]{1,40}:\s*/, '')
    .replace(/\([^)]*\)/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}'-]+/u)
    .filter((word) => word !== '' && !FILLER.has(word));
  return words.slice(0, 6).join(' ');
}

/** The page an evidence link points at for a question (a different page for each item). */
export function evidencePage(context: TextContext, index: number): { url: string; title: string } {
  const topic = topicOf(context.label, context.parentLabel);
  const phrase = labelPhrase(context.label);
  const page = slugify(phrase) || 'overview';
  const section = topic === GENERIC_TOPIC ? 'services' : topic.slug;
  const pages = [page, `${page}/guide`, `${page}/faq`, `${page}/documents`];
  const path = pages[index % pages.length] ?? page;
  const name = phrase === '' ? topic.name : phrase.replace(/^./, (c) => c.toUpperCase());
  return { url: `https://www.${context.profile.domain}/${section}/${path}`, title: `${name}${index > 0 ? ` (${String(index + 1)})` : ''}` };
}
