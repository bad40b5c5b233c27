/**
 * The Local Offer's taxonomies as first seeded. After seeding they are data that editors manage;
 * code keys (not names) are what the search filters and the CSV columns use, so an editor can
 * rename a term without breaking a bookmarked search.
 */

export type TermSeed = {
  code: string;
  name: string;
  description?: string;
  minimumAge?: number;
  maximumAge?: number;
  children?: TermSeed[];
};

export type TaxonomySeed = { key: TaxonomyKey; name: string; description: string; terms: TermSeed[] };

export const TAXONOMY_KEYS = ['category', 'need', 'age-group', 'cost'] as const;
export type TaxonomyKey = (typeof TAXONOMY_KEYS)[number];

export const TAXONOMY_SEEDS: TaxonomySeed[] = [
  {
    key: 'category',
    name: 'Service category',
    description: 'What kind of help or activity the service offers.',
    terms: [
      {
        code: 'education',
        name: 'Education',
        description: 'Schools, colleges, early years and learning support.',
      },
      { code: 'health', name: 'Health', description: 'NHS and community health services and therapies.' },
      {
        code: 'social-care',
        name: 'Social care',
        description: 'Care and support for children, young people and families.',
      },
      {
        code: 'short-breaks',
        name: 'Short breaks',
        description: 'Time away for disabled children and young people, and a break for their carers.',
      },
      {
        code: 'leisure-and-activities',
        name: 'Leisure and activities',
        description: 'Clubs, sport, play and things to do.',
      },
      {
        code: 'transport',
        name: 'Travel and transport',
        description: 'Getting to school, college and activities.',
      },
      {
        code: 'information-advice-support',
        name: 'Information, advice and support',
        description: 'Impartial advice, support groups and help with the SEND system.',
      },
      {
        code: 'preparing-for-adulthood',
        name: 'Preparing for adulthood',
        description: 'Help for young people moving towards adult life.',
        children: [
          {
            code: 'pfa-employment',
            name: 'Employment',
            description: 'Work experience, supported internships and jobs.',
          },
          {
            code: 'pfa-independent-living',
            name: 'Independent living',
            description: 'Housing, money and living skills.',
          },
          {
            code: 'pfa-community-inclusion',
            name: 'Community inclusion',
            description: 'Friends, relationships and being part of the community.',
          },
          {
            code: 'pfa-health',
            name: 'Good health',
            description: 'Staying healthy and moving to adult health services.',
          },
        ],
      },
    ],
  },
  {
    key: 'need',
    name: 'Type of need',
    description: 'The four broad areas of need in the SEND Code of Practice, and common specific conditions.',
    terms: [
      {
        code: 'communication-and-interaction',
        name: 'Communication and interaction',
        children: [
          {
            code: 'autism',
            name: 'Autism',
            description: 'Autism spectrum condition, including Asperger syndrome.',
          },
          {
            code: 'speech-language-communication',
            name: 'Speech, language and communication needs',
          },
        ],
      },
      {
        code: 'cognition-and-learning',
        name: 'Cognition and learning',
        children: [
          { code: 'specific-learning-difficulty', name: 'Specific learning difficulty (such as dyslexia)' },
          { code: 'moderate-learning-difficulty', name: 'Moderate learning difficulty' },
          { code: 'severe-learning-difficulty', name: 'Severe learning difficulty' },
          {
            code: 'profound-multiple-learning-difficulty',
            name: 'Profound and multiple learning difficulty',
          },
        ],
      },
      {
        code: 'social-emotional-mental-health',
        name: 'Social, emotional and mental health',
        children: [
          { code: 'adhd', name: 'ADHD', description: 'Attention deficit hyperactivity disorder.' },
          { code: 'anxiety', name: 'Anxiety and emotional wellbeing' },
        ],
      },
      {
        code: 'sensory-and-physical',
        name: 'Sensory and/or physical',
        children: [
          { code: 'hearing-impairment', name: 'Hearing impairment' },
          { code: 'visual-impairment', name: 'Visual impairment' },
          { code: 'multi-sensory-impairment', name: 'Multi-sensory impairment' },
          { code: 'physical-disability', name: 'Physical disability' },
        ],
      },
    ],
  },
  {
    key: 'age-group',
    name: 'Age group',
    description: 'Ages and life stages from birth to 25.',
    terms: [
      { code: 'early-years', name: 'Early years (0 to 4)', minimumAge: 0, maximumAge: 4 },
      { code: 'primary', name: 'Primary school age (5 to 10)', minimumAge: 5, maximumAge: 10 },
      { code: 'secondary', name: 'Secondary school age (11 to 15)', minimumAge: 11, maximumAge: 15 },
      { code: 'post-16', name: '16 to 18', minimumAge: 16, maximumAge: 18 },
      { code: 'young-adults', name: '19 to 25', minimumAge: 19, maximumAge: 25 },
    ],
  },
  {
    key: 'cost',
    name: 'Cost',
    description: 'Whether families pay.',
    terms: [
      { code: 'free', name: 'Free' },
      { code: 'paid', name: 'Paid' },
      { code: 'funded-eligible', name: 'Free for those who are eligible' },
    ],
  },
];
