/**
 * The demo area's editor-managed information pages for the Wolverhampton SEND Local Offer, and the Local Offer's
 * accessibility statement. After seeding they are data that Local Offer editors manage.
 *
 * Bodies are Markdown, rendered by `renderMarkdown` (src/lib/markdown.ts). Links between pages are absolute paths
 * (`/local-offer/information/<slug>`), so they work from any page that shows the text. Age groups use the codes of
 * the Local Offer's age-group taxonomy (src/modules/local-offer/domain/taxonomies.ts), with the same labels.
 * Phone numbers are Ofcom drama numbers and email addresses use the reserved `.example` domain: the demo never
 * sends families to a real service.
 */

export const INFORMATION_TOPICS = [
  { key: 'ehc-needs-assessments', label: 'EHC needs assessments and plans' },
  { key: 'information-advice-support', label: 'Information, advice and support' },
  { key: 'short-breaks', label: 'Short breaks' },
  { key: 'preparing-for-adulthood', label: 'Preparing for adulthood' },
  { key: 'travel-and-transport', label: 'Travel and transport' },
  { key: 'complaints-and-disagreements', label: 'Complaints, disagreements and appeals' },
  { key: 'education', label: 'Education and schools' },
  { key: 'health', label: 'Health' },
  { key: 'about-the-local-offer', label: 'About the Local Offer' },
] as const;

export type InformationTopic = (typeof INFORMATION_TOPICS)[number]['key'];

export const AGE_GROUPS = [
  { key: 'early-years', label: 'Early years (0 to 4)' },
  { key: 'primary', label: 'Primary school age (5 to 10)' },
  { key: 'secondary', label: 'Secondary school age (11 to 15)' },
  { key: 'post-16', label: '16 to 18' },
  { key: 'young-adults', label: '19 to 25' },
] as const;

export const AGE_GROUP_KEYS = ['early-years', 'primary', 'secondary', 'post-16', 'young-adults'] as const;

export type AgeGroupKey = (typeof AGE_GROUP_KEYS)[number];

export type InformationPageSeed = {
  slug: string;
  title: string;
  summary: string;
  topic: InformationTopic;
  ageGroups: AgeGroupKey[];
  /** Markdown. */
  body: string;
};

const ALL_AGES: AgeGroupKey[] = [...AGE_GROUP_KEYS];

export const INFORMATION_PAGES: InformationPageSeed[] = [
  {
    slug: 'requesting-an-ehc-needs-assessment',
    title: 'Asking for an education, health and care (EHC) needs assessment',
    summary:
      'Who can ask for an EHC needs assessment, how to ask, what happens next, how long each step takes, and what you can do if we decide not to assess.',
    topic: 'ehc-needs-assessments',
    ageGroups: ALL_AGES,
    body: `An education, health and care (EHC) needs assessment is a detailed look at a child or young person's special educational needs and the help they need. It is the first step towards an EHC plan: a legal document that describes those needs and the help that must be given to meet them.

Most children and young people with special educational needs get the help they need from their nursery, school or college through **SEN support**, without an EHC plan. An assessment may be needed when the help a setting can normally give is not enough.

## Who can ask

- a parent of a child – "parent" includes anyone with parental responsibility or who looks after the child
- a young person aged 16 to 25, for themselves, once they are over compulsory school age
- a school or college, ideally after talking it through with the family

Anyone else, such as a nursery, doctor, health visitor or social worker, can tell us that a child may have special educational needs, and we will then decide whether an assessment is needed.

You do not need a diagnosis. The school does not have to have spent a set amount of money first.

## How to ask

The quickest way is to use our [online request form](/request-an-ehc-needs-assessment). It asks about the child or young person's needs, the help they have had so far and what difference it made. You can save your answers and come back to them later. Send any reports to your caseworker once the council has your request.

You do not have to use the form. A letter or email to the SEND Assessment Team is also a request:

- email: [sendassessment@wolverhampton.example](mailto:sendassessment@wolverhampton.example)
- phone: 01632 960 200, Monday to Friday, 9am to 5pm
- post: SEND Assessment Team, Civic Centre, St Peter's Square, Wolverhampton WV1 1SH

Wolverhampton SENDIASS can help you write the request for free – see [information, advice and support](/local-offer/information/information-advice-and-support).

## What happens next

When we receive a request we tell the family, health services, children's social care and the child's school or setting. We ask for your views and any evidence you have.

We then decide whether to assess. The legal test is whether the child or young person has or may have special educational needs, and whether it may be necessary for help to be given through an EHC plan.

If we assess, we ask for advice from you, the school or college, an educational psychologist, health and social care services, and anyone else who can help. From year 9 the advice includes preparing for adulthood. Everyone we ask should reply within 6 weeks.

We then decide whether to issue a plan. If we will, we send you a draft. You have at least 15 days to comment, ask for a meeting and tell us which school or college you would like named in the plan.

## How long it takes

| Step | Time limit, from the day we receive the request |
| --- | --- |
| We tell you whether we will assess | 6 weeks |
| We tell you if we decide not to issue a plan after assessing | 16 weeks |
| We issue the final EHC plan | 20 weeks |

These limits are set by the Special Educational Needs and Disability Regulations 2014. The law allows only a few exceptions, such as a school being closed for 4 weeks or more when we need its advice, or exceptional personal circumstances.

## If we decide not to assess

We write to you explaining why. The letter also tells you about your right to appeal, about mediation and where to get free advice. You can:

- ask to meet us to talk about the decision and what else can be done
- get free, impartial advice from Wolverhampton SENDIASS
- contact a mediation adviser – you must do this before you can appeal
- appeal to the First-tier Tribunal (Special Educational Needs and Disability) within 2 months of our decision letter, or 1 month from the date of your mediation certificate, whichever is later

Read [disagreements, mediation and appeals](/local-offer/information/disagreements-mediation-and-appeals) to find out how this works.

While you wait, the school or setting should carry on giving SEN support.
`,
  },
  {
    slug: 'information-advice-and-support',
    title: 'Free information, advice and support: Wolverhampton SENDIASS',
    summary:
      'Wolverhampton SENDIASS gives free, impartial and confidential information, advice and support about special educational needs and disabilities to children, young people and parents.',
    topic: 'information-advice-support',
    ageGroups: ALL_AGES,
    body: `Every council must make sure that children and young people with special educational needs and disabilities (SEND), and their parents, can get information, advice and support. In Wolverhampton this is Wolverhampton SENDIASS – the Special Educational Needs and Disabilities Information, Advice and Support Service.

## Free, impartial and confidential

- **Free**: you never pay for help from Wolverhampton SENDIASS.
- **Impartial**: the service is funded by the council but works at arm's length from it, and from schools and health services. Its staff do not make decisions about your child and do not take sides. They help you understand the law, your rights and your options.
- **Confidential**: what you tell Wolverhampton SENDIASS is not shared with the council, your school or anyone else without your permission, unless someone is at risk of harm.

## Who it is for

- parents and carers of children and young people aged 0 to 25 who have, or may have, special educational needs or a disability
- children and young people themselves
- young people aged 16 to 25 in their own right – they can get support separately from their parents, and that support is confidential too

## What Wolverhampton SENDIASS can help with

- understanding SEN support in nurseries, schools and colleges, and what you can expect
- asking for an EHC needs assessment and filling in forms
- reading a draft EHC plan, commenting on it and preparing for annual reviews
- getting ready for meetings, and coming with you to important ones
- choosing a school or college and moving between them
- suspensions and exclusions from school
- disability discrimination
- health and social care, where they link with education
- disagreements: making a complaint, mediation, and appealing to the tribunal, including help to prepare an appeal
- finding services in the Local Offer and local support groups

Most people get the information or advice they need in one or two conversations. If your situation is more complicated, a caseworker can work with you over a longer time.

## Contact Wolverhampton SENDIASS

- phone: 01632 960 300, Monday to Friday, 9:30am to 4:30pm
- text: 07700 900 300
- email: [sendiass@wolverhampton.example](mailto:sendiass@wolverhampton.example)
- drop in: Tuesdays, 10am to 1pm, at Central Library, Snow Hill, Wolverhampton
- Relay UK: dial 18001 then 01632 960 300

Outside these hours you can leave a message and someone will call you back within 2 working days. Tell the service if you need an interpreter, a British Sign Language (BSL) interpreter or information in another format – this is free.

## Other help

**Wolverhampton Parent Carer Forum** is a group of parents and carers of children and young people with SEND. It works with the council and the NHS to improve services, and runs coffee mornings and peer support groups. It is not an advice service, but members can share what has helped them. Phone 01632 960 800 or email [hello@wolverhamptonpcf.example](mailto:hello@wolverhamptonpcf.example).

National charities also give free advice, including IPSEA (Independent Provider of Special Education Advice), which gives legally based advice about special educational needs, and Contact, the charity for families with disabled children.

The rules that councils, schools and health services must follow are in the [SEND Code of Practice](https://www.gov.uk/government/publications/send-code-of-practice-0-to-25).
`,
  },
  {
    slug: 'short-breaks',
    title: 'Short breaks for disabled children and their families',
    summary:
      'Short breaks give disabled children and young people time to enjoy activities away from their parents, and give parent carers a break from caring. This page is our short breaks services statement.',
    topic: 'short-breaks',
    ageGroups: ['early-years', 'primary', 'secondary', 'post-16'],
    body: `Short breaks give disabled children and young people the chance to have fun, make friends and try new things away from their parents. They also give parent carers a break from caring. A short break can last from a few hours to a weekend away.

## Our short breaks services statement

The Breaks for Carers of Disabled Children Regulations 2011 say every council must provide a range of short breaks and publish a short breaks services statement. It must say:

- what short breaks are available
- who can use them, and how we decide (the eligibility criteria)
- how the range of breaks is designed to meet families' needs

This page is Wolverhampton's statement. We review it every year with Wolverhampton Parent Carer Forum, and whenever services change.

The law says the range must include care during the day and overnight, in the child's home or elsewhere; educational and leisure activities outside the home; and help for carers in the evenings, at weekends and in the school holidays.

## Who short breaks are for

Children and young people aged 0 to 18 who live in Wolverhampton and have a disability – a physical or learning disability, or a long-term condition, that has a big and lasting effect on their everyday life – and their parent carers. You do not need an EHC plan or a diagnosis for universal or targeted short breaks.

## Three kinds of short break

### Universal short breaks

These are open to all children: holiday clubs, leisure centres, youth clubs, libraries and parks. Many have staff trained to include disabled children, or can arrange extra support. You book them yourself. Use the Local Offer directory to find them.

### Targeted short breaks

These are for disabled children who need more support than a universal activity can give. They include specialist after-school, weekend and holiday clubs, and activity groups with higher staffing. You can apply yourself – you do not need a social care assessment. We tell you our decision within 4 weeks.

### Specialist short breaks

These are for children with complex needs, after an assessment by the Children with Disabilities social work team. They can include:

- overnight stays at a residential short break home
- family-based short breaks with approved short break carers
- support at home from a care worker
- a direct payment, so you can arrange support yourself, for example by employing a personal assistant

## Support for you as a parent carer

If you care for a disabled child, you have the right to ask for an assessment of your own needs: a parent carer's needs assessment. It looks at how caring affects you, including your health, work and time for yourself, and what support would help.

## How to get a short break

| Kind of short break | How to get it |
| --- | --- |
| Universal | Book directly with the activity |
| Targeted | Apply to the Short Breaks Team online, by phone or by email |
| Specialist | Ask for an assessment from the Children with Disabilities social work team |

Contact the Short Breaks Team:

- phone: 01632 960 400, Monday to Friday, 9am to 5pm
- email: [shortbreaks@wolverhampton.example](mailto:shortbreaks@wolverhampton.example)

To ask for an assessment for specialist short breaks or a parent carer's needs assessment, phone children's services on 01632 960 410.

Wolverhampton SENDIASS can help you apply – see [information, advice and support](/local-offer/information/information-advice-and-support).

## If you disagree with a decision

Ask the Short Breaks Team to look at the decision again and tell them why you disagree. If you are still unhappy, you can [make a complaint](/local-offer/information/making-a-complaint).
`,
  },
  {
    slug: 'preparing-for-adulthood',
    title: 'Preparing for adulthood',
    summary:
      'How young people with special educational needs and disabilities are helped to plan for adult life from year 9: work, where they live, friends and community, and health.',
    topic: 'preparing-for-adulthood',
    ageGroups: ['secondary', 'post-16', 'young-adults'],
    body: `Preparing for adulthood means planning, early, for the life a young person wants as an adult, and making sure the right support is in place as they move from children's to adult services.

## It starts in year 9

From year 9, when a young person is 13 or 14, every annual review of an EHC plan must look at preparing for adulthood. The plan's outcomes should be about the adult life the young person wants, not only the next school year. The review is a chance to think about what they enjoy, what they are good at and what they will need to learn.

Young people without an EHC plan should also be helped to plan ahead. Schools must give independent careers guidance, and SEN support should look towards adult life.

## The four preparing for adulthood outcomes

1. **Employment**: paid work, including self-employment, and higher education.
2. **Independent living**: choice and control over their life and support, including where and with whom they live.
3. **Community inclusion**: friends, relationships and being part of their community.
4. **Good health**: being as healthy as possible in adult life.

## At 16, young people make their own decisions

At the end of compulsory school age – the last Friday in June of the school year in which they turn 16 – rights under the Children and Families Act 2014 pass from parents to the young person. They can ask for an assessment, say which college they want and appeal decisions themselves. Parents can stay involved if the young person agrees.

If a young person cannot make a particular decision for themselves, the Mental Capacity Act 2005 applies, and a parent or other representative can act for them.

## Options after 16

Young people must stay in education or training until their 18th birthday. That can be full-time study, an apprenticeship, or work or volunteering with part-time study. Options include:

- a school sixth form or a further education college
- a specialist college
- an apprenticeship – for apprentices with an EHC plan, the English and maths requirement can be lowered to Entry Level 3
- a **supported internship**: a study programme for young people aged 16 to 24 with an EHC plan, based mostly with an employer, usually for about a year, with a job coach. It aims to lead to a paid job.

## EHC plans after 16

An EHC plan can continue up to age 25 while the young person is in education or training and still needs it. It does not end automatically at 19, but it is not kept to 25 for everyone. A plan ends if the young person goes to university. It can also end when they go into paid work (an apprenticeship counts as training, so the plan can continue), when they leave education or training, or when its outcomes have been achieved.

## Moving to adult services

- **Social care**: if a young person is likely to need care and support after 18, they can have a transition assessment under the Care Act 2014. It should happen when it will help most, well before their 18th birthday.
- **Health**: most young people move from children's to adult health services between 16 and 18. People aged 14 and over on their GP's learning disability register can have a free annual health check.
- **Money**: at 16, most young people getting Disability Living Allowance are invited to apply for Personal Independence Payment.

## Get help

The Preparing for Adulthood Team works with young people from year 9 to 25, their families, schools and colleges:

- phone: 01632 960 250, Monday to Friday, 9am to 5pm
- email: [pfa@wolverhampton.example](mailto:pfa@wolverhampton.example)

For help with [travel to school or college](/local-offer/information/travel-and-transport), independent travel training is free.
`,
  },
  {
    slug: 'travel-and-transport',
    title: 'Help with travel to school or college',
    summary:
      'Who can get free help to travel to school, college or training, what kinds of help there are, how to apply and how to ask us to review a decision.',
    topic: 'travel-and-transport',
    ageGroups: ['primary', 'secondary', 'post-16', 'young-adults'],
    body: `We help some children and young people to travel to school, college or training. Having an EHC plan or a disability does not on its own mean a child gets travel assistance: we look at each child's circumstances.

## Children aged 5 to 16

The Education Act 1996 says we must arrange free travel to the nearest suitable school for a child of compulsory school age who:

- cannot reasonably be expected to walk there, even with an adult, because of their special educational needs, disability or mobility problem – however near the school is
- lives further than the statutory walking distance: 2 miles for children under 8, or 3 miles for children aged 8 and over
- cannot walk there safely, even with an adult, because the route is not safe
- comes from a low-income family – these children can get help over shorter distances, or to one of several nearby schools

There is no legal duty to help children under 5, but we can consider requests in exceptional circumstances.

## Kinds of help

- a bus or train pass
- a personal travel budget: money to arrange your child's travel yourself
- a mileage allowance if you drive your child
- a seat on a shared minibus or taxi, with a passenger assistant if needed
- independent travel training

## Independent travel training

Independent travel training helps young people learn to travel on their own safely. A trainer works one-to-one with the young person, practising the journey until they are confident. It is free, usually for young people aged 11 and over. Being able to travel on your own opens up college, work and a social life.

## Young people aged 16 to 25

Every year, by 31 May, we publish a **post-16 transport policy statement**. It says what help is available for the next school year to students aged 16 to 18, and to older students who started their course before they were 19. It also says whether we ask families to pay towards the cost. Families on a low income pay less or nothing.

For learners aged 19 to 25 with an EHC plan, if we decide transport is necessary for them to attend their education or training, it is free.

Other help includes the 16 to 19 Bursary Fund at school or college, and the free bus pass for disabled people.

## How to apply

Apply online, by phone or by post. Apply by 31 May for a place starting in September, or as soon as you know your child is changing school. Tell us about your child's needs and send any reports that help explain them.

Contact the Travel Assistance Team:

- phone: 01632 960 500, Monday to Friday, 9am to 5pm
- email: [travelassistance@wolverhampton.example](mailto:travelassistance@wolverhampton.example)

We tell you our decision in writing, with our reasons.

## If you disagree with our decision

Travel decisions are not appealed to the SEND Tribunal. There is a 2-stage process instead:

1. **Review**: ask within 20 working days of our decision for it to be reviewed, and say why. A senior officer who was not involved in the first decision looks at it again and replies within 20 working days.
2. **Appeal**: if you are still unhappy, ask within 20 working days of the review decision for an independent appeal panel. You can speak to the panel. The panel hears the appeal within 40 working days of your request, and we write to you with its decision within 5 working days.

If you think we did not follow the process properly, you can then complain to the Local Government and Social Care Ombudsman – see [making a complaint](/local-offer/information/making-a-complaint).

Wolverhampton SENDIASS can help you with an application or an appeal.
`,
  },
  {
    slug: 'making-a-complaint',
    title: 'Making a complaint',
    summary:
      'How to complain about the council, a school or college, or an NHS service, and what to do if you are still unhappy, including going to the Local Government and Social Care Ombudsman.',
    topic: 'complaints-and-disagreements',
    ageGroups: ALL_AGES,
    body: `A complaint is about how something was done: a delay, poor communication, help in an EHC plan not being given, or how someone treated you.

If you disagree with a decision about an EHC needs assessment or what an EHC plan says, you may be able to appeal instead. Read [disagreements, mediation and appeals](/local-offer/information/disagreements-mediation-and-appeals).

Talking to the person or team involved often sorts things out quickly. If it does not, you can make a formal complaint. Wolverhampton SENDIASS can help you write it.

## Complaints about the council

This covers the SEND Assessment Team, travel assistance, the Local Offer and other council services.

- **Stage 1**: the manager of the service looks into your complaint and replies within 10 working days.
- **Stage 2**: if you are still unhappy, ask within 20 working days for a senior manager to review it. They reply within 20 working days.

The council must make sure the special educational help in section F of an EHC plan is given. If it is not, tell the SEND Assessment Team straight away, and complain if it is not put right.

### Children's social care

Complaints about children's social care, including short breaks after an assessment, follow a procedure set by law:

- **Stage 1**: local resolution, within 10 working days, or 20 if it is complicated
- **Stage 2**: an investigation with an independent person, within 25 working days, or up to 65
- **Stage 3**: a review panel, meeting within 30 working days of your request

### Contact the Complaints Team

- phone: 01632 960 600
- email: [complaints@wolverhampton.example](mailto:complaints@wolverhampton.example)
- post: Complaints Team, Civic Centre, St Peter's Square, Wolverhampton WV1 1SH

If your complaint is about education, health and care together, tell us: we will coordinate one response with the other organisations.

## Complaints about a school or college

1. Talk to the class teacher or tutor, then the special educational needs coordinator (SENCO), then the head teacher or principal.
2. Follow the school's or college's complaints procedure. Every school must publish one, usually on its website. The last stage is usually a panel of governors or trustees.
3. If you are still unhappy, you can ask the Department for Education to check that the complaint was handled properly. Read [how to complain about a school](https://www.gov.uk/complain-about-school).

If you think a school has discriminated against your child because of their disability, you can make a claim to the First-tier Tribunal (SEND) within 6 months.

## Complaints about NHS services

- Speak to the service first. Hospitals have a Patient Advice and Liaison Service (PALS) that can help sort things out.
- For a formal complaint, write either to the service or to NHS Black Country Integrated Care Board, which pays for local NHS services – not both.
- Complain within 12 months of what happened, or of finding out about it.
- Free, independent NHS complaints advocacy can help you.

If you are still unhappy, you can go to the [Parliamentary and Health Service Ombudsman](https://www.ombudsman.org.uk).

## The Local Government and Social Care Ombudsman

The [Local Government and Social Care Ombudsman](https://www.lgo.org.uk) looks at complaints about councils, including delays with EHC plans and help in a plan not being given. It is free and independent.

- You usually need to finish the council's complaints procedure first.
- Complain within 12 months of finding out about the problem.
- It cannot usually look at something you could appeal to the tribunal.
`,
  },
  {
    slug: 'disagreements-mediation-and-appeals',
    title: 'Disagreements, mediation and appeals',
    summary:
      'What to do if you disagree with a decision about special educational needs or an EHC plan: talking it through, disagreement resolution, mediation and appealing to the First-tier Tribunal (SEND).',
    topic: 'complaints-and-disagreements',
    ageGroups: ALL_AGES,
    body: `Most disagreements can be sorted out by talking. Start with the school or college, or the SEND Assessment Team on 01632 960 200. Wolverhampton SENDIASS can give you free, impartial advice at any stage.

## Disagreement resolution

Disagreement resolution is a free, independent service that helps families and the council, schools, colleges, nurseries or health services reach an agreement. It can help with disagreements about special educational needs, EHC needs assessments and plans, and health and social care. It is voluntary, you can use it at any time, and it does not affect your right to appeal.

It is run independently of the council by the Black Country SEND Mediation Service:

- phone: 01632 960 700
- email: [sendmediation@mediation.example](mailto:sendmediation@mediation.example)

## Decisions you can appeal

You can appeal to the First-tier Tribunal (Special Educational Needs and Disability) against a council decision:

- not to carry out an EHC needs assessment or a re-assessment
- not to issue an EHC plan after an assessment
- about what the plan says about special educational needs (section B) or special educational provision (section F)
- about the school or college named in the plan (section I), or that no school or college is named
- not to change the plan after an annual review or re-assessment
- to stop maintaining (cease) the plan

## Mediation

Before you can appeal, you must contact a mediation adviser. You do not have to do this if your appeal is only about the school or college named in the plan.

1. Contact the mediation service within 2 months of our decision letter. An adviser explains how mediation works.
2. If you decide not to try mediation, the adviser sends you a **mediation certificate** within 3 working days. You need it to appeal.
3. If you want mediation, we must arrange it within 30 days. The mediator is independent of the council. Health and social care services take part if the disagreement involves them.
4. Within 3 working days of the mediation you get a mediation certificate, whatever the outcome.

Mediation is free for families.

## Appealing to the tribunal

The tribunal is independent. Its decisions are legally binding on the council.

Your deadline to appeal is whichever of these is later:

| Counting from | Time limit |
| --- | --- |
| the date of our decision letter | 2 months |
| the date of your mediation certificate | 1 month |

If the deadline falls in August, or between 25 December and 1 January, you have until the first working day after that period.

There is no fee. You can appeal online or by post – find out more on the [First-tier Tribunal (SEND) page on GOV.UK](https://www.gov.uk/courts-tribunals/first-tier-tribunal-special-educational-needs-and-disability). If the appeal is about ending a plan, we keep the plan in place until the appeal is decided.

If the tribunal orders us to make changes, we must do so within time limits set by law – for example, within 5 weeks to change what a plan says.

## Health and social care recommendations

When you appeal about a refusal to issue a plan, or about the education parts of a plan, you can also ask the tribunal to look at the health and social care needs and provision in the plan. This power began as a national trial in 2018.

The tribunal can make recommendations about health and social care. They are not binding, but the health or social care body must reply in writing within 5 weeks, saying what it will do and, if it will not follow a recommendation, why not.

## Disability discrimination

If you think a school has discriminated against your child because of their disability, you can claim to the same tribunal within 6 months. You do not need a mediation certificate.

For complaints about how something was done, read [making a complaint](/local-offer/information/making-a-complaint).
`,
  },
  {
    slug: 'getting-this-information-without-the-internet',
    title: 'Getting this information without the internet or in another format',
    summary:
      'How to get Local Offer information by phone, in person, on paper, in another language, or in easy read, large print, braille, audio or British Sign Language.',
    topic: 'about-the-local-offer',
    ageGroups: ALL_AGES,
    body: `Everything in the Local Offer is available if you do not use the internet, or if you need it in another format. It is free.

The law (regulation 57 of the Special Educational Needs and Disability Regulations 2014) says we must publish the Local Offer on our website and make sure people without internet access, and disabled people, can get it too.

## By phone

Call the Local Offer Team on 01632 960 100, Monday to Friday, 9am to 5pm. We can:

- search the directory for you and read out what we find
- explain an information page
- post or email you copies of any page

You can also text 07700 900 100 and we will call you back. If you use Relay UK, dial 18001 then 01632 960 100.

## In person

- **Civic Centre**: ask at customer services, Civic Centre, St Peter's Square, Wolverhampton WV1 1SH, Monday to Friday, 9am to 4:30pm.
- **Family hubs**: staff at every family hub can look things up with you and print pages.
- **Wolverhampton SENDIASS**: drop in on Tuesdays, 10am to 1pm, at Central Library.

## Libraries

Every Wolverhampton library has free computers and Wi-Fi, and staff who can help you find the Local Offer. You can print Local Offer pages free of charge.

## Printed copies

We will post you any information page, or a printed list of services for your child's age and needs. Ask the Local Offer Team. We post copies within 5 working days.

## Another language

- We can speak to you through a free interpreter, on the phone or in person. Tell us which language you need.
- We can translate any page in writing. Ask the Local Offer Team.

## Easy read, large print, braille and audio

Easy read versions of the most-used pages, such as [asking for an EHC needs assessment](/local-offer/information/requesting-an-ehc-needs-assessment) and [short breaks](/local-offer/information/short-breaks), are available now. We can make easy read, large print, braille or audio versions of any other page. We will tell you how long it will take, usually no more than 10 working days.

## British Sign Language (BSL)

- We can book a BSL interpreter for a visit or a meeting. Please give us 5 working days' notice if you can.
- You can contact us through a free BSL video relay service, by text or by email.

## Ask someone you already know

Your child's school or college special educational needs coordinator (SENCO), your health visitor, your family hub worker or your GP surgery can all look things up and print pages for you. Wolverhampton Parent Carer Forum can help too.

## Contact the Local Offer Team

- phone: 01632 960 100
- text: 07700 900 100
- email: [localoffer@wolverhampton.example](mailto:localoffer@wolverhampton.example)
- post: Local Offer Team, Civic Centre, St Peter's Square, Wolverhampton WV1 1SH

If something in the Local Offer is hard to use or understand, please tell us – see [about the Local Offer](/local-offer/information/about-the-local-offer).
`,
  },
  {
    slug: 'about-the-local-offer',
    title: 'About the Local Offer, and "You said, we did"',
    summary:
      'What the SEND Local Offer is, who it is for, how we keep it accurate, and how your comments change it – published once a year as "You said, we did".',
    topic: 'about-the-local-offer',
    ageGroups: ALL_AGES,
    body: `The Wolverhampton SEND Local Offer tells you about the support and services available for children and young people aged 0 to 25 with special educational needs and disabilities (SEND), and their families.

## What the Local Offer is

The Children and Families Act 2014 says every council must publish a Local Offer. It covers education, health, social care, training, travel and preparing for adulthood, and includes services outside Wolverhampton that local families use. It must also explain how to ask for an EHC needs assessment, where to get information, advice and support, and how to complain or appeal.

The Local Offer has 2 parts:

- **information pages**, like this one, that explain how things work
- a **directory** of services, activities and events that you can search by age, type of need, cost and distance

## Who writes it

The City of Wolverhampton Council runs the Local Offer with NHS Black Country Integrated Care Board, schools, colleges, and the organisations that provide services. We plan and check it with Wolverhampton Parent Carer Forum and with young people, so that it answers the questions families really ask.

## Keeping it up to date

- Every service in the directory has a review date. Providers must confirm their details at least once a year.
- If a listing is not confirmed, we ask the provider to check it. If they still do not, we hide it until they do.
- We review every information page at least once a year. Each page shows when it was last reviewed.

## Tell us what you think

The law (regulation 56 of the Special Educational Needs and Disability Regulations 2014) says we must ask children, young people and parents what they think of the Local Offer: what it contains, how easy it is to find and use, how we develop it, and what is missing.

You can tell us:

- using the "Report a problem with this page" link on every page
- using the feedback form, linked at the bottom of every page
- by phone on 01632 960 100, or by email to [localoffer@wolverhampton.example](mailto:localoffer@wolverhampton.example)
- at Wolverhampton Parent Carer Forum meetings, and in our yearly survey

You do not have to give your name.

## How we use your comments

- The Local Offer Team reads every comment within 5 working days. Mistakes, such as a wrong phone number, are corrected straight away.
- We share the main themes with the SEND and Inclusion Partnership Board and with Wolverhampton Parent Carer Forum.
- When comments show a gap in services, we pass them to the people who plan and pay for services.

## "You said, we did"

Once a year we publish "You said, we did": what people told us, our response and what we will do about it. We remove names and anything else that could identify you. Some of the changes from last year:

| You said | We did |
| --- | --- |
| It was hard to tell which activities are free | We added a filter for free activities to the directory search |
| Opening times and phone numbers were out of date | Every listing now has a review date, and listings that are not confirmed are hidden |
| The pages about EHC plans were full of jargon | We rewrote them with parents from the forum and explained every term |
| Not everyone can get online | We set up the Local Offer phone line and free printing in libraries |

If you do not use the internet, read how to get [this information another way](/local-offer/information/getting-this-information-without-the-internet).
`,
  },
];

/** The Local Offer website's accessibility statement (Markdown), as the regulations require it to be published. */
export const LOCAL_OFFER_ACCESSIBILITY_STATEMENT = `This accessibility statement applies to the Wolverhampton SEND Local Offer website: its information pages, the directory of services, activities and events, and the feedback forms. The website is run by the City of Wolverhampton Council.

We want as many people as possible to be able to use this website. For example, that means you should be able to:

- change colours, contrast levels and fonts using your browser or device settings
- zoom in up to 400% without the text spilling off the screen
- use the whole website using just a keyboard
- use the website with speech recognition software
- listen to the website using a screen reader, including recent versions of JAWS, NVDA and VoiceOver
- use every page without JavaScript

We have also made the text as simple as possible to understand, and we explain any terms that are specific to special educational needs and disabilities.

[AbilityNet](https://mcmw.abilitynet.org.uk) has advice on making your device easier to use if you have a disability.

## How accessible this website is

We believe every page of this website meets the Web Content Accessibility Guidelines (WCAG) version 2.2 AA standard. If you find something that does not, please tell us.

Some service listings link to documents, such as PDF leaflets or timetables, that providers publish on their own websites. We do not publish or control these documents, and some of them may not be accessible. When we check a listing, we ask the provider to put the important information in the listing itself.

## Feedback and contact information

If you need information on this website in a different format, such as accessible PDF, large print, easy read, an audio recording, braille or another language, contact the Local Offer Team:

- phone: 01632 960 100, Monday to Friday, 9am to 5pm
- text: 07700 900 100
- Relay UK: dial 18001 then 01632 960 100
- email: [localoffer@wolverhampton.example](mailto:localoffer@wolverhampton.example)
- post: Local Offer Team, Civic Centre, St Peter's Square, Wolverhampton WV1 1SH

You can also contact us through a free British Sign Language (BSL) video relay service, or ask us to book a BSL interpreter.

We'll consider your request and get back to you within 10 working days.

## Reporting accessibility problems with this website

We're always looking to improve the accessibility of this website. If you find any problems not listed on this page, or think we're not meeting accessibility requirements, use the "Report a problem with this page" link on the page where you found it, or contact the Local Offer Team using the details above. We will reply within 10 working days and tell you what we will do.

## Enforcement procedure

The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the "accessibility regulations"). If you're not happy with how we respond to your complaint, contact the [Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com).

## Technical information about this website's accessibility

The City of Wolverhampton Council is committed to making its website accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018.

### Compliance status

This website is fully compliant with the [Web Content Accessibility Guidelines version 2.2](https://www.w3.org/TR/WCAG22/) AA standard.

### Content that's not within the scope of the accessibility regulations

Documents that service providers publish on their own websites and that listings link to are third-party content: we do not pay for them, make them or control them. If you need the information in one of them in another format, contact us and we will ask the provider for it or give you the information ourselves.

## What we're doing to improve accessibility

Every page is built with the GOV.UK Design System, whose components are tested with disabled people and assistive technologies. Every change to the website is checked by the tests described below before it goes live. Editors are warned when a page they write has a problem, such as a link with no text.

## How we tested this website

We test the website every time it changes, not only once:

- **automated checks**: our end-to-end tests open every page in a web browser and check it with the axe accessibility testing tool; a change cannot go live if any page fails
- **keyboard only**: we use every page and complete every form using only a keyboard, checking that the focus can always be seen and follows a logical order
- **no JavaScript**: every page and form works with JavaScript turned off

Automated tools cannot find every problem, so we also act on what people tell us.

## Preparation of this accessibility statement

This statement was prepared on 23 November 2026. It was last reviewed on 23 November 2026.

This website was last tested on 23 November 2026. The tests were carried out by the Local Offer Team and the website's developers.
`;
