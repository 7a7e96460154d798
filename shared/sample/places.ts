/**
 * Made-up respondents for sample files: real country and city names (so a sample reads like a
 * real submission), with people's names that fit the region, and addresses only under the
 * reserved `.example` top-level domain (RFC 2606), so no sample ever points at a real site or mailbox.
 */

export type NameRegion = 'latin' | 'lusophone' | 'francophone' | 'anglophone' | 'nordic' | 'slavic' | 'arabic' | 'eastAsian' | 'southAsian' | 'eastAfrican' | 'westAfrican' | 'germanic' | 'southeastAsian' | 'baltic';

export interface CountryEntry {
  readonly name: string;
  readonly region: NameRegion;
  /** The most populous city, for "name of the country's most populous city". */
  readonly largestCity: string;
  /** Official languages offered on the portal, for "which languages" questions. */
  readonly languages: readonly string[];
}

export interface CityEntry {
  readonly name: string;
  readonly country: string;
  readonly region: NameRegion;
  readonly languages: readonly string[];
}

export const COUNTRIES: readonly CountryEntry[] = [
  { name: 'Uruguay', largestCity: 'Montevideo', region: 'latin', languages: ['Spanish', 'English'] },
  { name: 'Chile', largestCity: 'Santiago', region: 'latin', languages: ['Spanish', 'English'] },
  { name: 'Colombia', largestCity: 'Bogotá', region: 'latin', languages: ['Spanish', 'English'] },
  { name: 'Mexico', largestCity: 'Mexico City', region: 'latin', languages: ['Spanish', 'English'] },
  { name: 'Costa Rica', largestCity: 'San José', region: 'latin', languages: ['Spanish', 'English'] },
  { name: 'Brazil', largestCity: 'São Paulo', region: 'lusophone', languages: ['Portuguese', 'English', 'Spanish'] },
  { name: 'Portugal', largestCity: 'Lisbon', region: 'lusophone', languages: ['Portuguese', 'English'] },
  { name: 'Cabo Verde', largestCity: 'Praia', region: 'lusophone', languages: ['Portuguese', 'English'] },
  { name: 'Senegal', largestCity: 'Dakar', region: 'francophone', languages: ['French', 'Wolof', 'English'] },
  { name: 'Tunisia', largestCity: 'Tunis', region: 'arabic', languages: ['Arabic', 'French', 'English'] },
  { name: 'Morocco', largestCity: 'Casablanca', region: 'arabic', languages: ['Arabic', 'Amazigh', 'French'] },
  { name: 'Jordan', largestCity: 'Amman', region: 'arabic', languages: ['Arabic', 'English'] },
  { name: 'Oman', largestCity: 'Muscat', region: 'arabic', languages: ['Arabic', 'English'] },
  { name: 'Côte d’Ivoire', largestCity: 'Abidjan', region: 'francophone', languages: ['French', 'English'] },
  { name: 'Rwanda', largestCity: 'Kigali', region: 'eastAfrican', languages: ['Kinyarwanda', 'English', 'French', 'Swahili'] },
  { name: 'Kenya', largestCity: 'Nairobi', region: 'eastAfrican', languages: ['English', 'Swahili'] },
  { name: 'United Republic of Tanzania', largestCity: 'Dar es Salaam', region: 'eastAfrican', languages: ['Swahili', 'English'] },
  { name: 'Ghana', largestCity: 'Accra', region: 'westAfrican', languages: ['English'] },
  { name: 'Nigeria', largestCity: 'Lagos', region: 'westAfrican', languages: ['English', 'Hausa', 'Yoruba', 'Igbo'] },
  { name: 'Mauritius', largestCity: 'Port Louis', region: 'anglophone', languages: ['English', 'French'] },
  { name: 'Estonia', largestCity: 'Tallinn', region: 'baltic', languages: ['Estonian', 'English', 'Russian'] },
  { name: 'Lithuania', largestCity: 'Vilnius', region: 'baltic', languages: ['Lithuanian', 'English'] },
  { name: 'Denmark', largestCity: 'Copenhagen', region: 'nordic', languages: ['Danish', 'English'] },
  { name: 'Finland', largestCity: 'Helsinki', region: 'nordic', languages: ['Finnish', 'Swedish', 'English'] },
  { name: 'Norway', largestCity: 'Oslo', region: 'nordic', languages: ['Norwegian', 'English'] },
  { name: 'Iceland', largestCity: 'Reykjavík', region: 'nordic', languages: ['Icelandic', 'English'] },
  { name: 'Austria', largestCity: 'Vienna', region: 'germanic', languages: ['German', 'English'] },
  { name: 'Netherlands', largestCity: 'Amsterdam', region: 'germanic', languages: ['Dutch', 'English'] },
  { name: 'Serbia', largestCity: 'Belgrade', region: 'slavic', languages: ['Serbian', 'English'] },
  { name: 'Poland', largestCity: 'Warsaw', region: 'slavic', languages: ['Polish', 'English'] },
  { name: 'Ukraine', largestCity: 'Kyiv', region: 'slavic', languages: ['Ukrainian', 'English'] },
  { name: 'Republic of Korea', largestCity: 'Seoul', region: 'eastAsian', languages: ['Korean', 'English', 'Chinese'] },
  { name: 'Japan', largestCity: 'Tokyo', region: 'eastAsian', languages: ['Japanese', 'English'] },
  { name: 'Mongolia', largestCity: 'Ulaanbaatar', region: 'eastAsian', languages: ['Mongolian', 'English'] },
  { name: 'India', largestCity: 'Mumbai', region: 'southAsian', languages: ['Hindi', 'English'] },
  { name: 'Bangladesh', largestCity: 'Dhaka', region: 'southAsian', languages: ['Bangla', 'English'] },
  { name: 'Sri Lanka', largestCity: 'Colombo', region: 'southAsian', languages: ['Sinhala', 'Tamil', 'English'] },
  { name: 'Indonesia', largestCity: 'Jakarta', region: 'southeastAsian', languages: ['Indonesian', 'English'] },
  { name: 'Philippines', largestCity: 'Quezon City', region: 'southeastAsian', languages: ['Filipino', 'English'] },
  { name: 'Viet Nam', largestCity: 'Ho Chi Minh City', region: 'southeastAsian', languages: ['Vietnamese', 'English'] },
  { name: 'Jamaica', largestCity: 'Kingston', region: 'anglophone', languages: ['English'] },
  { name: 'New Zealand', largestCity: 'Auckland', region: 'anglophone', languages: ['English', 'Māori'] },
];

export const CITIES: readonly CityEntry[] = [
  { name: 'Montevideo', country: 'Uruguay', region: 'latin', languages: ['Spanish', 'English'] },
  { name: 'Bogotá', country: 'Colombia', region: 'latin', languages: ['Spanish', 'English'] },
  { name: 'Medellín', country: 'Colombia', region: 'latin', languages: ['Spanish'] },
  { name: 'Santiago', country: 'Chile', region: 'latin', languages: ['Spanish', 'English'] },
  { name: 'Mexico City', country: 'Mexico', region: 'latin', languages: ['Spanish', 'English', 'Nahuatl'] },
  { name: 'São Paulo', country: 'Brazil', region: 'lusophone', languages: ['Portuguese', 'English', 'Spanish'] },
  { name: 'Curitiba', country: 'Brazil', region: 'lusophone', languages: ['Portuguese'] },
  { name: 'Lisbon', country: 'Portugal', region: 'lusophone', languages: ['Portuguese', 'English'] },
  { name: 'Dakar', country: 'Senegal', region: 'francophone', languages: ['French', 'Wolof'] },
  { name: 'Abidjan', country: 'Côte d’Ivoire', region: 'francophone', languages: ['French', 'English'] },
  { name: 'Tunis', country: 'Tunisia', region: 'arabic', languages: ['Arabic', 'French'] },
  { name: 'Casablanca', country: 'Morocco', region: 'arabic', languages: ['Arabic', 'French', 'English'] },
  { name: 'Amman', country: 'Jordan', region: 'arabic', languages: ['Arabic', 'English'] },
  { name: 'Muscat', country: 'Oman', region: 'arabic', languages: ['Arabic', 'English'] },
  { name: 'Kigali', country: 'Rwanda', region: 'eastAfrican', languages: ['Kinyarwanda', 'English', 'French'] },
  { name: 'Nairobi', country: 'Kenya', region: 'eastAfrican', languages: ['English', 'Swahili'] },
  { name: 'Dar es Salaam', country: 'United Republic of Tanzania', region: 'eastAfrican', languages: ['Swahili', 'English'] },
  { name: 'Accra', country: 'Ghana', region: 'westAfrican', languages: ['English'] },
  { name: 'Lagos', country: 'Nigeria', region: 'westAfrican', languages: ['English', 'Yoruba'] },
  { name: 'Port Louis', country: 'Mauritius', region: 'anglophone', languages: ['English', 'French'] },
  { name: 'Tallinn', country: 'Estonia', region: 'baltic', languages: ['Estonian', 'English', 'Russian'] },
  { name: 'Vilnius', country: 'Lithuania', region: 'baltic', languages: ['Lithuanian', 'English'] },
  { name: 'Copenhagen', country: 'Denmark', region: 'nordic', languages: ['Danish', 'English'] },
  { name: 'Aarhus', country: 'Denmark', region: 'nordic', languages: ['Danish', 'English'] },
  { name: 'Helsinki', country: 'Finland', region: 'nordic', languages: ['Finnish', 'Swedish', 'English'] },
  { name: 'Oslo', country: 'Norway', region: 'nordic', languages: ['Norwegian', 'English'] },
  { name: 'Reykjavík', country: 'Iceland', region: 'nordic', languages: ['Icelandic', 'English'] },
  { name: 'Vienna', country: 'Austria', region: 'germanic', languages: ['German', 'English'] },
  { name: 'Rotterdam', country: 'Netherlands', region: 'germanic', languages: ['Dutch', 'English'] },
  { name: 'Belgrade', country: 'Serbia', region: 'slavic', languages: ['Serbian', 'English'] },
  { name: 'Warsaw', country: 'Poland', region: 'slavic', languages: ['Polish', 'English'] },
  { name: 'Kyiv', country: 'Ukraine', region: 'slavic', languages: ['Ukrainian', 'English'] },
  { name: 'Seoul', country: 'Republic of Korea', region: 'eastAsian', languages: ['Korean', 'English', 'Chinese', 'Japanese'] },
  { name: 'Busan', country: 'Republic of Korea', region: 'eastAsian', languages: ['Korean', 'English'] },
  { name: 'Tokyo', country: 'Japan', region: 'eastAsian', languages: ['Japanese', 'English', 'Chinese', 'Korean'] },
  { name: 'Ulaanbaatar', country: 'Mongolia', region: 'eastAsian', languages: ['Mongolian', 'English'] },
  { name: 'Pune', country: 'India', region: 'southAsian', languages: ['Marathi', 'Hindi', 'English'] },
  { name: 'Dhaka', country: 'Bangladesh', region: 'southAsian', languages: ['Bangla', 'English'] },
  { name: 'Colombo', country: 'Sri Lanka', region: 'southAsian', languages: ['Sinhala', 'Tamil', 'English'] },
  { name: 'Jakarta', country: 'Indonesia', region: 'southeastAsian', languages: ['Indonesian', 'English'] },
  { name: 'Quezon City', country: 'Philippines', region: 'southeastAsian', languages: ['Filipino', 'English'] },
  { name: 'Da Nang', country: 'Viet Nam', region: 'southeastAsian', languages: ['Vietnamese', 'English'] },
  { name: 'Kingston', country: 'Jamaica', region: 'anglophone', languages: ['English'] },
  { name: 'Auckland', country: 'New Zealand', region: 'anglophone', languages: ['English', 'Māori'] },
];

/** Given names and family names per region, to make focal points and office holders. */
export const NAMES: Readonly<Record<NameRegion, { readonly given: readonly string[]; readonly family: readonly string[] }>> = {
  latin: { given: ['María', 'Lucía', 'Camila', 'Valentina', 'Javier', 'Andrés', 'Diego', 'Sofía', 'Mateo', 'Gabriela'], family: ['Fernández', 'Rodríguez', 'Gómez', 'Martínez', 'Pérez', 'Silva', 'Castro', 'Herrera', 'Rojas', 'Vargas'] },
  lusophone: { given: ['Ana', 'Beatriz', 'João', 'Pedro', 'Mariana', 'Tiago', 'Inês', 'Rafael', 'Larissa', 'Carlos'], family: ['Oliveira', 'Santos', 'Costa', 'Pereira', 'Almeida', 'Carvalho', 'Ferreira', 'Sousa', 'Lima', 'Ribeiro'] },
  francophone: { given: ['Awa', 'Mamadou', 'Fatou', 'Cheikh', 'Aminata', 'Koffi', 'Aïcha', 'Yao', 'Mariam', 'Ibrahima'], family: ['Diop', 'Ndiaye', 'Sow', 'Koné', 'Traoré', 'Kouassi', 'Fall', 'Bamba', 'Diallo', 'Sarr'] },
  anglophone: { given: ['Sarah', 'David', 'Emily', 'James', 'Olivia', 'Michael', 'Grace', 'Daniel', 'Hannah', 'Nathan'], family: ['Campbell', 'Williams', 'Brown', 'Taylor', 'Thompson', 'Clarke', 'Walker', 'Reid', 'Morgan', 'Bennett'] },
  nordic: { given: ['Anna', 'Mikkel', 'Sanna', 'Lars', 'Ingrid', 'Jonas', 'Freja', 'Elias', 'Helga', 'Oskar'], family: ['Jensen', 'Nielsen', 'Virtanen', 'Hansen', 'Johansson', 'Korhonen', 'Larsen', 'Berg', 'Lindqvist', 'Sigurðsson'] },
  slavic: { given: ['Milica', 'Marko', 'Katarzyna', 'Piotr', 'Olena', 'Andrii', 'Jelena', 'Tomasz', 'Iryna', 'Nikola'], family: ['Jovanović', 'Nowak', 'Kowalska', 'Petrović', 'Shevchenko', 'Kovalenko', 'Wiśniewski', 'Nikolić', 'Bondarenko', 'Zielińska'] },
  arabic: { given: ['Layla', 'Omar', 'Fatima', 'Youssef', 'Nour', 'Khalid', 'Salma', 'Ahmed', 'Rania', 'Karim'], family: ['Haddad', 'Al-Masri', 'Ben Salah', 'El Amrani', 'Nasser', 'Al-Harthy', 'Bouazizi', 'Khoury', 'Mansour', 'Saadi'] },
  eastAsian: { given: ['Ji-woo', 'Min-jun', 'Yuki', 'Haruto', 'Seo-yeon', 'Sora', 'Bolor', 'Tuya', 'Hina', 'Do-yun'], family: ['Kim', 'Park', 'Lee', 'Tanaka', 'Sato', 'Choi', 'Suzuki', 'Bat-Erdene', 'Jung', 'Watanabe'] },
  southAsian: { given: ['Priya', 'Arjun', 'Ananya', 'Rahul', 'Nusrat', 'Tanvir', 'Kavya', 'Dilshan', 'Meera', 'Farhan'], family: ['Sharma', 'Patel', 'Rahman', 'Hossain', 'Perera', 'Iyer', 'Fernando', 'Kulkarni', 'Chowdhury', 'Jayasinghe'] },
  southeastAsian: { given: ['Siti', 'Budi', 'Maria Clara', 'Jose', 'Linh', 'Minh', 'Putri', 'Ramon', 'Thu', 'Agus'], family: ['Santoso', 'Wijaya', 'Reyes', 'Cruz', 'Nguyen', 'Tran', 'Pratama', 'Bautista', 'Le', 'Halim'] },
  eastAfrican: { given: ['Aline', 'Jean-Paul', 'Wanjiru', 'Otieno', 'Neema', 'Baraka', 'Grace', 'Eric', 'Amani', 'Zawadi'], family: ['Uwimana', 'Mugisha', 'Kamau', 'Odhiambo', 'Mushi', 'Njoroge', 'Habimana', 'Mwangi', 'Kimaro', 'Nyirahabimana'] },
  westAfrican: { given: ['Ama', 'Kwame', 'Chiamaka', 'Tunde', 'Efua', 'Emeka', 'Abena', 'Ngozi', 'Kofi', 'Folake'], family: ['Mensah', 'Boateng', 'Okafor', 'Adeyemi', 'Owusu', 'Eze', 'Asante', 'Balogun', 'Nwosu', 'Appiah'] },
  germanic: { given: ['Lena', 'Lukas', 'Sophie', 'Jan', 'Anouk', 'Felix', 'Eva', 'Daan', 'Katharina', 'Pieter'], family: ['Gruber', 'Huber', 'de Vries', 'Jansen', 'Bauer', 'van Dijk', 'Steiner', 'Visser', 'Wagner', 'Bakker'] },
  baltic: { given: ['Kadri', 'Mart', 'Liis', 'Tanel', 'Rūta', 'Mantas', 'Kristiina', 'Jonas', 'Eglė', 'Andrus'], family: ['Tamm', 'Saar', 'Kask', 'Kazlauskas', 'Mägi', 'Petrauskienė', 'Ilves', 'Jankauskas', 'Rebane', 'Vasiliauskas'] },
};

/** Lower-case ASCII letters and digits joined by `sep`: for host names, e-mail local parts and file names. */
export function slugify(text: string, sep = '-'): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[ðđ]/gi, 'd')
    .replace(/ø/gi, 'o')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/ł/gi, 'l')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, sep)
    .replace(new RegExp(`^\\${sep}+|\\${sep}+$`, 'g'), '');
}
