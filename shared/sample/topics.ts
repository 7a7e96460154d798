/**
 * What a question is about, guessed from its English label (and the label of the question it
 * follows up), so a sample answers "Official title of the law" under a data-protection question
 * with a data-protection act, and links to a matching page. Only used for made-up sample data:
 * an unknown label still gets a sensible generic answer.
 */
export interface Topic {
  readonly pattern: RegExp;
  /** Path segment of pages about it. */
  readonly slug: string;
  /** Title-case noun phrase, as in "the Personal Data Protection Act". */
  readonly name: string;
  /** Host name label when the topic usually has its own site (data.…, tenders.…). */
  readonly host?: string;
}

// Most specific first: "national data strategy" must not be read as a plain strategy.
export const TOPICS: readonly Topic[] = [
  { pattern: /data strategy|data governance/, slug: 'data-strategy', name: 'Data Governance' },
  { pattern: /open[- ](government )?data|government data|datasets|open licen/, slug: 'open-data', name: 'Open Government Data', host: 'data' },
  { pattern: /personal data|data protection|privacy/, slug: 'data-protection', name: 'Personal Data Protection' },
  { pattern: /access to information|obtain information|right to information/, slug: 'access-to-information', name: 'Access to Public Information' },
  { pattern: /cyber/, slug: 'cybersecurity', name: 'Cybersecurity' },
  { pattern: /misinformation|disinformation|fake news/, slug: 'information-integrity', name: 'Information Integrity' },
  { pattern: /cloud/, slug: 'cloud', name: 'Cloud Computing' },
  { pattern: /artificial intelligence|\bai\b|chatbot|virtual assistant/, slug: 'artificial-intelligence', name: 'Artificial Intelligence' },
  { pattern: /digital id|\beid\b|digital identity|login|sign in/, slug: 'digital-id', name: 'Digital Identity', host: 'id' },
  { pattern: /interoperab|data-exchange|exchange data/, slug: 'interoperability', name: 'Interoperability' },
  { pattern: /crisis|emergenc|early warning|alerts?\b/, slug: 'emergency', name: 'Digital Continuity and Emergency Response' },
  { pattern: /procurement|tender/, slug: 'procurement', name: 'Public Procurement', host: 'tenders' },
  { pattern: /petition/, slug: 'petitions', name: 'Public Petitions', host: 'petitions' },
  { pattern: /participatory budget/, slug: 'participatory-budgeting', name: 'Participatory Budgeting' },
  { pattern: /e-participation|participation|consultation/, slug: 'participation', name: 'Public Participation', host: 'participate' },
  { pattern: /digital skills|skills|literacy/, slug: 'digital-skills', name: 'Digital Skills' },
  { pattern: /chief information officer|\bcio\b|the post\b|organisation chart/, slug: 'cio', name: 'Chief Information Officer' },
  { pattern: /smart[- ]city/, slug: 'smart-city', name: 'Smart City' },
  { pattern: /sustainable development|\bsdg|voluntary local review/, slug: 'sdg', name: 'Sustainable Development Goals' },
  { pattern: /satisf/, slug: 'satisfaction', name: 'User Satisfaction' },
  { pattern: /statistic|usage|figures/, slug: 'statistics', name: 'Portal Usage Statistics' },
  { pattern: /free (public )?internet|wi-?fi/, slug: 'free-wifi', name: 'Free Public Wi-Fi' },
  { pattern: /public places|help to use|assisted|service cent/, slug: 'service-centres', name: 'Assisted Service Centres' },
  { pattern: /mobile|\bapps?\b/, slug: 'apps', name: 'Mobile Government', host: 'apps' },
  { pattern: /social media/, slug: 'social-media', name: 'Social Media' },
  { pattern: /local rule|local act|rules govern/, slug: 'regulations', name: 'Local Regulations' },
  { pattern: /one-stop|e-services|catalogue|online services/, slug: 'services', name: 'Online Services', host: 'services' },
  { pattern: /accessib|disabilit|older|migrants|vulnerable/, slug: 'inclusion', name: 'Digital Inclusion' },
  { pattern: /strategy|digital transformation|e-government/, slug: 'digital-strategy', name: 'Digital Government' },
];

export const GENERIC_TOPIC: Topic = { pattern: /$^/, slug: 'information', name: 'Digital Government' };

/** The topic of a label, looking at the label first and then at the question it follows up. */
export function topicOf(label: string, parentLabel = ''): Topic {
  const own = label.toLowerCase();
  const parent = parentLabel.toLowerCase();
  return TOPICS.find((t) => t.pattern.test(own)) ?? TOPICS.find((t) => t.pattern.test(parent)) ?? GENERIC_TOPIC;
}

/**
 * Like `topicOf`, but the follow-up's parent wins: "Official title of the law or policy" says
 * nothing about its subject, the yes/no question before it does.
 */
export function subjectOf(label: string, parentLabel = ''): Topic {
  const parent = parentLabel.toLowerCase();
  return TOPICS.find((t) => t.pattern.test(parent)) ?? topicOf(label);
}
