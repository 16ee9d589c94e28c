// The demo archive: nine real Cold War documents (dates, titles, people and topics are facts;
// the summaries are our own), their authority records with every listed name variant,
// mentions, links and two collections. Idempotent: seeding twice changes nothing.
import { recordAuditEvent } from "../audit/audit";
import type { Db } from "../db";
import { createEntity, type EntityInput } from "../entities/entities";
import type { MentionRole } from "../generated/prisma/enums";
import { recordContentSchema, type RecordContentInput } from "../records/content";
import { publishRevision } from "../records/publish";

type Name = EntityInput["names"][number];
const n = (name: string, language: string, romanization?: Name["romanization"], preferred = false): Name => ({
  name,
  language,
  romanization,
  preferred,
});

/** Authority records, keyed for the documents below. */
const ENTITIES = {
  choe: {
    type: "person",
    description: "North Korean military and political leader; a founder of the Korean People's Army and later head of state of the DPRK.",
    datesText: "1900/1976",
    names: [
      n("Choe Yong-geon", "ko-Latn", "revised", true),
      n("Choe Yeonggeon", "ko-Latn", "revised"),
      n("Ch'oe Yong-gŏn", "ko-Latn", "mccune_reischauer"),
      n("Choi Yong-kun", "ko-Latn", "conventional"),
      n("최용건", "ko-Hang"),
      n("崔庸健", "ko-Hani"),
    ],
  },
  kim: {
    type: "person",
    description: "Leader of the Democratic People's Republic of Korea from its founding in 1948.",
    datesText: "1912/1994",
    names: [n("Kim Il Sung", "ko-Latn", "conventional", true), n("Kim Il-sung", "ko-Latn", "conventional"), n("김일성", "ko-Hang")],
  },
  mao: {
    type: "person",
    description: "Chairman of the Chinese Communist Party and founder of the People's Republic of China.",
    datesText: "1893/1976",
    names: [n("Mao Zedong", "zh-Latn", "pinyin", true), n("Mao Tse-tung", "zh-Latn", "wade_giles"), n("毛泽东", "zh-Hans")],
    identifiers: [{ scheme: "wikidata", value: "Q5816" }],
  },
  pak: {
    type: "person",
    description: "Korean communist leader; DPRK foreign minister during the Korean War.",
    datesText: "1900/1956",
    names: [n("Pak Heon-yeong", "ko-Latn", "revised", true), n("Pak Hon-yong", "ko-Latn", "mccune_reischauer"), n("박헌영", "ko-Hang")],
  },
  shtykov: {
    type: "person",
    description: "Soviet general and the USSR's first ambassador to the DPRK.",
    datesText: "1907/1964",
    names: [n("Terentii Shtykov", "ru-Latn", "loc", true), n("Terenty Shtykov", "ru-Latn", "conventional"), n("Штыков", "ru-Cyrl")],
  },
  puzanov: {
    type: "person",
    description: "Soviet party official; ambassador of the USSR to the DPRK from 1957.",
    datesText: "1906/1998",
    names: [n("Aleksandr Puzanov", "ru-Latn", "loc", true), n("A. M. Puzanov", "ru-Latn", "loc"), n("Пузанов", "ru-Cyrl")],
  },
  gromyko: {
    type: "person",
    description: "Soviet diplomat; deputy foreign minister in 1950, later foreign minister.",
    datesText: "1909/1989",
    names: [n("Andrei Gromyko", "ru-Latn", "conventional", true), n("Громыко", "ru-Cyrl")],
  },
  stalin: {
    type: "person",
    description: "Leader of the Soviet Union; addressed in ciphered correspondence as Instantsia.",
    datesText: "1878/1953",
    names: [n("Joseph Stalin", "en", undefined, true), n("Iosif Stalin", "ru-Latn", "loc"), n("Сталин", "ru-Cyrl")],
    identifiers: [{ scheme: "wikidata", value: "Q855" }],
  },
  hoxha: {
    type: "person",
    description: "Leader of the Party of Labour of Albania.",
    datesText: "1908/1985",
    names: [n("Enver Hoxha", "sq", undefined, true)],
  },
  pyongyang: {
    type: "place",
    description: "Capital of the Democratic People's Republic of Korea.",
    names: [n("Pyongyang", "ko-Latn", "conventional", true), n("P'yŏngyang", "ko-Latn", "mccune_reischauer"), n("평양", "ko-Hang")],
    coordinates: { latitude: 39.0194, longitude: 125.7381 },
  },
  beijing: { type: "place", description: "Capital of the People's Republic of China.", names: [n("Beijing", "zh-Latn", "pinyin", true), n("Peking", "en"), n("北京", "zh-Hans")], coordinates: { latitude: 39.9042, longitude: 116.4074 } },
  albania: { type: "place", description: "", names: [n("Albania", "en", undefined, true), n("Shqipëria", "sq")], coordinates: { latitude: 41.3275, longitude: 19.8187 } },
  czechoslovakia: { type: "place", description: "", names: [n("Czechoslovakia", "en", undefined, true), n("Československo", "cs")], coordinates: { latitude: 50.0755, longitude: 14.4378 } },
  parallel38: { type: "place", description: "The line dividing North and South Korea in 1950.", names: [n("38th parallel", "en", undefined, true)], coordinates: { latitude: 38, longitude: 127 } },
  kpa: {
    type: "organization",
    description: "The armed forces of the DPRK.",
    names: [n("Korean People's Army", "en", undefined, true), n("조선인민군", "ko-Hang")],
  },
  sovietAid: { type: "subject", description: "", names: [n("Soviet military aid", "en", undefined, true)] },
  economy: { type: "subject", description: "", names: [n("Economic assistance and planning", "en", undefined, true)] },
  trade: { type: "subject", description: "", names: [n("Foreign trade", "en", undefined, true)] },
  sinoKorean: { type: "subject", description: "", names: [n("Sino-Korean relations", "en", undefined, true)] },
  revisionism: { type: "subject", description: "", names: [n("Revisionism", "en", undefined, true)] },
  industry: { type: "subject", description: "", names: [n("Industry", "en", undefined, true)] },
} satisfies Record<string, Omit<EntityInput, "description" | "datesText" | "identifiers" | "coordinates"> & Partial<EntityInput>>;

type EntityKey = keyof typeof ENTITIES;
type M = [EntityKey, MentionRole];

interface DemoDocument {
  key: string;
  collection: "korean-war" | "dprk-socialist-bloc";
  mentions: M[];
  content: Omit<RecordContentInput, "mentions" | "links" | "collectionIds">;
}

const DOCUMENTS: DemoDocument[] = [
  {
    key: "shtykov-1950-09-29",
    collection: "korean-war",
    mentions: [["shtykov", "author"], ["gromyko", "recipient"], ["stalin", "recipient"], ["kim", "mentioned"], ["pak", "mentioned"], ["choe", "mentioned"], ["kpa", "mentioned"], ["parallel38", "mentioned"], ["sovietAid", "mentioned"]],
    content: {
      title: "Telegram from Shtykov to Gromyko and Stalin",
      dateText: "1950-09-29",
      documentType: "telegram",
      originalLanguage: "ru",
      summary:
        "Ambassador Shtykov reports on the worsening position of the Korean People's Army as US forces push toward the 38th parallel, passes on the North Korean leadership's request for Soviet deliveries, and relays an appeal for direct military aid.",
      sourceArchive: "Archive of the President of the Russian Federation (APRF)",
    },
  },
  {
    key: "shtykov-1950-09-30",
    collection: "korean-war",
    mentions: [["shtykov", "author"], ["gromyko", "recipient"], ["stalin", "recipient"], ["kim", "mentioned"], ["pak", "mentioned"], ["mao", "mentioned"], ["choe", "mentioned"], ["kpa", "mentioned"], ["sovietAid", "mentioned"]],
    content: {
      title: "Ciphered Telegram, Shtykov to Deputy Foreign Minister Andrei Gromyko and Instantsia (Stalin)",
      dateText: "30 September 1950",
      documentType: "telegram",
      originalLanguage: "ru",
      summary:
        "Written in the days after the Incheon landing, the telegram describes the North Korean leaders' alarm and their correspondence with Mao Zedong, which hints that Chinese help may be sought if Soviet aid does not come.",
      sourceArchive: "Archive of the President of the Russian Federation (APRF)",
    },
  },
  {
    key: "puzanov-1957-05-02",
    collection: "dprk-socialist-bloc",
    mentions: [["puzanov", "author"], ["kim", "mentioned"], ["choe", "mentioned"], ["czechoslovakia", "mentioned"], ["economy", "mentioned"], ["pyongyang", "mentioned"]],
    content: {
      title: "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 2 May 1957",
      dateText: "2 May 1957",
      documentType: "journal_entry",
      originalLanguage: "ru",
      summary:
        "Puzanov records a conversation with Kim Il Sung about the economic assistance Czechoslovakia offers the DPRK and how it fits the country's reconstruction plans.",
      sourceArchive: "Archive of Foreign Policy of the Russian Federation (AVPRF)",
    },
  },
  {
    key: "puzanov-1957-05-16",
    collection: "dprk-socialist-bloc",
    mentions: [["puzanov", "author"], ["kim", "mentioned"], ["choe", "mentioned"], ["economy", "mentioned"], ["trade", "mentioned"], ["pyongyang", "mentioned"]],
    content: {
      title: "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 16 May 1957",
      dateText: "16 May 1957",
      documentType: "journal_entry",
      originalLanguage: "ru",
      summary:
        "An entry covering a reception for Soviet military advisers, talk with Kim Il Sung about the draft five-year plan for economic development, and questions of the DPRK's foreign trade.",
      sourceArchive: "Archive of Foreign Policy of the Russian Federation (AVPRF)",
    },
  },
  {
    key: "puzanov-1957-07-24",
    collection: "dprk-socialist-bloc",
    mentions: [["puzanov", "author"], ["choe", "mentioned"], ["trade", "mentioned"], ["pyongyang", "mentioned"]],
    content: {
      title: "Journal of Soviet Ambassador to the DPRK A.M. Puzanov for 24 July 1957",
      dateText: "24 July 1957",
      documentType: "journal_entry",
      originalLanguage: "ru",
      summary:
        "Puzanov and Choe Yong-geon discuss the printing of new DPRK banknotes, the state of USSR-DPRK trade, and the Korean timber workers employed in the Soviet Union.",
      sourceArchive: "Archive of Foreign Policy of the Russian Federation (AVPRF)",
    },
  },
  {
    key: "hoxha-choe-1959-06-06",
    collection: "dprk-socialist-bloc",
    mentions: [["hoxha", "mentioned"], ["choe", "mentioned"], ["albania", "mentioned"], ["industry", "mentioned"], ["revisionism", "mentioned"]],
    content: {
      title: "Notes taken during a Meeting between Enver Hoxha and Choe Yong-geon",
      dateText: "1959-06-06",
      documentType: "minutes",
      originalLanguage: "sq",
      summary:
        "Notes of talks in which Enver Hoxha and the visiting Choe Yong-geon compare the building of industry in Albania and North Korea and agree on the danger of revisionism in the socialist camp.",
      sourceArchive: "Central State Archive of Albania (AQSH)",
    },
  },
  {
    key: "czech-embassy-1963-08-27",
    collection: "dprk-socialist-bloc",
    mentions: [["czechoslovakia", "mentioned"], ["pyongyang", "mentioned"], ["choe", "mentioned"]],
    content: {
      title: "Telegram from Czech Embassy in Pyongyang to Foreign Ministry",
      dateText: "1963-08-27",
      documentType: "telegram",
      originalLanguage: "cs",
      summary:
        "The Czechoslovak embassy in Pyongyang reports to Prague on the North Korean leadership's current line and on conversations in the diplomatic community.",
      sourceArchive: "Archive of the Ministry of Foreign Affairs of the Czech Republic",
    },
  },
  {
    key: "hungary-1967-11-25",
    collection: "dprk-socialist-bloc",
    mentions: [["sinoKorean", "mentioned"], ["kpa", "mentioned"], ["choe", "mentioned"]],
    content: {
      title: "Report, Embassy of Hungary in the Soviet Union to the Hungarian Foreign Ministry",
      dateText: "1967-11-25",
      documentType: "report",
      originalLanguage: "hu",
      summary:
        "Drawing on Soviet sources in Moscow, the Hungarian embassy assesses the strained state of Sino-Korean relations and reports on incidents involving the Korean People's Army.",
      sourceArchive: "Hungarian National Archives",
    },
  },
  {
    key: "mao-choe-1969-10-01",
    collection: "dprk-socialist-bloc",
    mentions: [["mao", "mentioned"], ["choe", "mentioned"], ["beijing", "mentioned"], ["sinoKorean", "mentioned"]],
    content: {
      title: "Mao Zedong's Conversation with North Korean Official Choe Yong-geon (Excerpt), 1 October 1969, at the Tiananmen Gate",
      dateText: "1 October 1969",
      documentType: "conversation",
      originalLanguage: "zh",
      summary:
        "On the twentieth anniversary of the People's Republic, Mao receives Choe Yong-geon on the Tiananmen rostrum in Beijing; their brief exchange marks a thaw in relations between China and the DPRK.",
    },
  },
];

/** Links: [from, to, type]. The two Shtykov telegrams point at each other; the journals form a series. */
const LINKS: [string, string, "related_to" | "continues"][] = [
  ["shtykov-1950-09-30", "shtykov-1950-09-29", "related_to"],
  ["puzanov-1957-05-16", "puzanov-1957-05-02", "continues"],
  ["puzanov-1957-07-24", "puzanov-1957-05-16", "continues"],
];

const COLLECTIONS = [
  { slug: "korean-war", title: "Korean War", description: "Documents on the origins and course of the Korean War, 1950-1953." },
  {
    slug: "dprk-socialist-bloc",
    title: "North Korea and the Socialist Bloc",
    description: "The DPRK's relations with the Soviet Union, China and the socialist states of Eastern Europe.",
  },
];

export const DEMO_MARKER_SLUG = COLLECTIONS[0]!.slug;

/** Seeds the demo archive once. Returns false if it was already there. */
export async function seedDemoArchive(db: Db): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      // One seeder at a time; the second finds the marker and stops.
      await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(727001)");
      if (await tx.collection.findUnique({ where: { slug: DEMO_MARKER_SLUG } })) return false;

      const collectionIds: Record<string, number> = {};
      for (const c of COLLECTIONS) collectionIds[c.slug] = (await tx.collection.create({ data: c })).id;

      const entityIds = {} as Record<EntityKey, number>;
      for (const [key, entity] of Object.entries(ENTITIES) as [EntityKey, (typeof ENTITIES)[EntityKey]][]) {
        const created = await createEntity(tx, { datesText: "", identifiers: [], ...entity });
        entityIds[key] = created.id;
      }

      const contentOf = (doc: DemoDocument, links: RecordContentInput["links"] = []) =>
        recordContentSchema.parse({
          ...doc.content,
          rights: "Demo record. Summary written for the Dossier demo archive.",
          collectionIds: [collectionIds[doc.collection]],
          mentions: doc.mentions.map(([key, role]) => ({ entityId: entityIds[key], role })),
          links,
        });

      const recordIds: Record<string, number> = {};
      for (const doc of DOCUMENTS) {
        const { recordId } = await publishRevision(tx, { content: contentOf(doc), authorId: null, message: "Demo archive" });
        recordIds[doc.key] = recordId;
      }

      // Links are added as a second revision of the linking record, as an editor would.
      for (const [from, to, type] of LINKS) {
        const doc = DOCUMENTS.find((d) => d.key === from)!;
        const record = await tx.archivalRecord.findUniqueOrThrow({ where: { id: recordIds[from] }, select: { version: true } });
        const content = contentOf(doc, [{ targetRecordId: recordIds[to]!, type }]);
        await publishRevision(tx, { recordId: recordIds[from], expectedVersion: record.version, content, authorId: null, message: "Link related documents" });
      }

      await recordAuditEvent(tx, { action: "seed.demo", payload: { records: DOCUMENTS.length } });
      return true;
    },
    { timeout: 60_000 },
  );
}
