// Demo data for the seed: the city administration of Öskemen (Ust-Kamenogorsk), its topics, reference articles
// and demo staff accounts. Pure data, no I/O. The people are fictional; the structure follows a real city akimat.
import type { Role } from '../../common/statuses.js';

/** One text in the three interface languages. */
export interface Tri {
  kk: string;
  ru: string;
  en: string;
}

export interface DemoDepartment {
  code: string;
  sortOrder: number;
  name: Tri;
}

export interface DemoOfficial {
  code: string;
  departmentCode: string;
  /** Order on the kiosk's list of addressees, ascending; unique. */
  kioskOrder: number;
  sex: 'm' | 'f';
  fullName: Tri;
  position: Tri;
  /** One line: what a citizen would bring to this person. */
  area: Tri;
}

export interface DemoCategory {
  code: string;
  sortOrder: number;
  name: Tri;
  defaultOfficialCode: string;
}

export interface DemoFaqArticle {
  slug: string;
  sortOrder: number;
  categoryCode: string | null;
  title: Tri;
  /** Markdown. */
  body: Tri;
}

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  displayName: string;
  /** For role 'official': the official this account answers as. */
  officialCode: string | null;
}

export const DEMO_DEPARTMENTS: readonly DemoDepartment[] = [
  {
    code: 'akimat',
    sortOrder: 1,
    name: {
      kk: 'Өскемен қаласы әкімінің аппараты',
      ru: 'Аппарат акима города Усть-Каменогорска',
      en: 'Office of the Akim of Öskemen',
    },
  },
  {
    code: 'housing',
    sortOrder: 2,
    name: {
      kk: 'Қалалық тұрғын үй-коммуналдық шаруашылығы бөлімі',
      ru: 'Городской отдел жилищно-коммунального хозяйства',
      en: 'City Housing and Utilities Department',
    },
  },
  {
    code: 'transport',
    sortOrder: 3,
    name: {
      kk: 'Қалалық жолаушылар көлігі және автомобиль жолдары бөлімі',
      ru: 'Городской отдел пассажирского транспорта и автомобильных дорог',
      en: 'City Passenger Transport and Roads Department',
    },
  },
  {
    code: 'education',
    sortOrder: 4,
    name: {
      kk: 'Қалалық білім бөлімі',
      ru: 'Городской отдел образования',
      en: 'City Education Department',
    },
  },
  {
    code: 'health',
    sortOrder: 5,
    name: {
      kk: 'Қалалық денсаулық сақтау мәселелерін үйлестіру бөлімі',
      ru: 'Городской отдел координации вопросов здравоохранения',
      en: 'City Health Care Coordination Department',
    },
  },
  {
    code: 'social',
    sortOrder: 6,
    name: {
      kk: 'Қалалық жұмыспен қамту және әлеуметтік бағдарламалар бөлімі',
      ru: 'Городской отдел занятости и социальных программ',
      en: 'City Employment and Social Programmes Department',
    },
  },
  {
    code: 'land',
    sortOrder: 7,
    name: {
      kk: 'Қалалық жер қатынастары бөлімі',
      ru: 'Городской отдел земельных отношений',
      en: 'City Land Relations Department',
    },
  },
  {
    code: 'architecture',
    sortOrder: 8,
    name: {
      kk: 'Қалалық сәулет және қала құрылысы бөлімі',
      ru: 'Городской отдел архитектуры и градостроительства',
      en: 'City Architecture and Urban Planning Department',
    },
  },
  {
    code: 'construction',
    sortOrder: 9,
    name: {
      kk: 'Қалалық құрылыс бөлімі',
      ru: 'Городской отдел строительства',
      en: 'City Construction Department',
    },
  },
  {
    code: 'business',
    sortOrder: 10,
    name: {
      kk: 'Қалалық кәсіпкерлік және өнеркәсіп бөлімі',
      ru: 'Городской отдел предпринимательства и промышленности',
      en: 'City Entrepreneurship and Industry Department',
    },
  },
  {
    code: 'culture',
    sortOrder: 11,
    name: {
      kk: 'Қалалық мәдениет, тілдерді дамыту, дене шынықтыру және спорт бөлімі',
      ru: 'Городской отдел культуры, развития языков, физической культуры и спорта',
      en: 'City Culture, Languages, Physical Education and Sport Department',
    },
  },
  {
    code: 'ecology',
    sortOrder: 12,
    name: {
      kk: 'Қалалық табиғи ресурстар және табиғат пайдалануды реттеу бөлімі',
      ru: 'Городской отдел природных ресурсов и регулирования природопользования',
      en: 'City Natural Resources and Environmental Regulation Department',
    },
  },
  {
    code: 'internal-policy',
    sortOrder: 13,
    name: {
      kk: 'Қалалық ішкі саясат және жастар істері бөлімі',
      ru: 'Городской отдел внутренней политики и по делам молодёжи',
      en: 'City Internal Policy and Youth Affairs Department',
    },
  },
  {
    code: 'finance',
    sortOrder: 14,
    name: {
      kk: 'Қалалық қаржы бөлімі',
      ru: 'Городской отдел финансов',
      en: 'City Finance Department',
    },
  },
];

/** The first official (lowest kioskOrder) is the one the demo account `official` answers as. */
export const DEMO_OFFICIALS: readonly DemoOfficial[] = [
  {
    code: 'housing-head',
    departmentCode: 'housing',
    kioskOrder: 1,
    sex: 'm',
    fullName: {
      kk: 'Ерлан Бақытжанұлы Оспанов',
      ru: 'Ерлан Бахытжанович Оспанов',
      en: 'Yerlan Ospanov',
    },
    position: {
      kk: 'Қалалық тұрғын үй-коммуналдық шаруашылығы бөлімінің басшысы',
      ru: 'Руководитель городского отдела жилищно-коммунального хозяйства',
      en: 'Head of the City Housing and Utilities Department',
    },
    area: {
      kk: 'Жылу, ыстық және суық су, кәріз, лифтілер, көппәтерлі үйлерді басқару компаниялары',
      ru: 'Отопление, горячая и холодная вода, канализация, лифты, управляющие компании многоквартирных домов',
      en: 'Heating, hot and cold water, sewerage, lifts, building management companies',
    },
  },
  {
    code: 'akim',
    departmentCode: 'akimat',
    kioskOrder: 2,
    sex: 'm',
    fullName: {
      kk: 'Жандос Мұратұлы Әбілқасымов',
      ru: 'Жандос Муратович Абилкасымов',
      en: 'Zhandos Abilkassymov',
    },
    position: {
      kk: 'Өскемен қаласының әкімі',
      ru: 'Аким города Усть-Каменогорска',
      en: 'Akim (Mayor) of Öskemen',
    },
    area: {
      kk: 'Бөлімдерде шешілмеген мәселелер, қаланың дамуы, лауазымды тұлғалардың әрекетіне шағымдар',
      ru: 'Вопросы, не решённые в отделах, развитие города, жалобы на действия должностных лиц',
      en: 'Issues the departments have not resolved, city development, complaints about officials',
    },
  },
  {
    code: 'akim-first-deputy',
    departmentCode: 'akimat',
    kioskOrder: 3,
    sex: 'm',
    fullName: {
      kk: 'Сергей Викторович Колесников',
      ru: 'Сергей Викторович Колесников',
      en: 'Sergey Kolesnikov',
    },
    position: {
      kk: 'Өскемен қаласы әкімінің бірінші орынбасары',
      ru: 'Первый заместитель акима города Усть-Каменогорска',
      en: 'First Deputy Akim of Öskemen',
    },
    area: {
      kk: 'Қала шаруашылығы: тұрғын үй-коммуналдық шаруашылық, көлік, жолдар, құрылыс',
      ru: 'Городское хозяйство: ЖКХ, транспорт, дороги, строительство',
      en: 'City services: housing and utilities, transport, roads, construction',
    },
  },
  {
    code: 'akim-deputy-social',
    departmentCode: 'akimat',
    kioskOrder: 4,
    sex: 'f',
    fullName: {
      kk: 'Гүлнар Қайратқызы Төлеуова',
      ru: 'Гульнар Кайратовна Толеуова',
      en: 'Gulnar Toleuova',
    },
    position: {
      kk: 'Өскемен қаласы әкімінің орынбасары',
      ru: 'Заместитель акима города Усть-Каменогорска',
      en: 'Deputy Akim of Öskemen',
    },
    area: {
      kk: 'Әлеуметтік сала: білім, денсаулық сақтау, әлеуметтік қорғау, мәдениет және спорт',
      ru: 'Социальная сфера: образование, здравоохранение, социальная защита, культура и спорт',
      en: 'Social affairs: education, health care, social protection, culture and sport',
    },
  },
  {
    code: 'akim-deputy-economy',
    departmentCode: 'akimat',
    kioskOrder: 5,
    sex: 'm',
    fullName: {
      kk: 'Данияр Ерболұлы Қасенов',
      ru: 'Данияр Ерболович Касенов',
      en: 'Daniyar Kassenov',
    },
    position: {
      kk: 'Өскемен қаласы әкімінің орынбасары',
      ru: 'Заместитель акима города Усть-Каменогорска',
      en: 'Deputy Akim of Öskemen',
    },
    area: {
      kk: 'Жер, сәулет, кәсіпкерлік, экология және қала бюджеті',
      ru: 'Земля, архитектура, предпринимательство, экология и городской бюджет',
      en: 'Land, architecture, business, ecology and the city budget',
    },
  },
  {
    code: 'akim-office-head',
    departmentCode: 'akimat',
    kioskOrder: 6,
    sex: 'f',
    fullName: {
      kk: 'Ольга Николаевна Пономарёва',
      ru: 'Ольга Николаевна Пономарёва',
      en: 'Olga Ponomaryova',
    },
    position: {
      kk: 'Өскемен қаласы әкімі аппаратының басшысы',
      ru: 'Руководитель аппарата акима города Усть-Каменогорска',
      en: 'Chief of Staff of the Akim of Öskemen',
    },
    area: {
      kk: 'Азаматтарды қабылдау, өтініштерді қарау тәртібі, мемлекеттік қызметшілердің әдебі',
      ru: 'Приём граждан, порядок рассмотрения обращений, этика государственных служащих',
      en: 'Reception of citizens, how appeals are handled, ethics of civil servants',
    },
  },
  {
    code: 'housing-deputy-buildings',
    departmentCode: 'housing',
    kioskOrder: 7,
    sex: 'f',
    fullName: {
      kk: 'Айгүл Маратқызы Нұрғалиева',
      ru: 'Айгуль Маратовна Нургалиева',
      en: 'Aigul Nurgaliyeva',
    },
    position: {
      kk: 'Қалалық тұрғын үй-коммуналдық шаруашылығы бөлімі басшысының орынбасары',
      ru: 'Заместитель руководителя городского отдела жилищно-коммунального хозяйства',
      en: 'Deputy Head of the City Housing and Utilities Department',
    },
    area: {
      kk: 'Басқару компаниялары, мүлік иелерінің бірлестіктері, үйлерді күрделі жөндеу, аулаларды абаттандыру',
      ru: 'Управляющие компании, объединения собственников имущества, капремонт домов, благоустройство дворов',
      en: "Management companies, homeowners' associations, major repairs of buildings, courtyards",
    },
  },
  {
    code: 'housing-deputy-networks',
    departmentCode: 'housing',
    kioskOrder: 8,
    sex: 'm',
    fullName: {
      kk: 'Дмитрий Олегович Гребенщиков',
      ru: 'Дмитрий Олегович Гребенщиков',
      en: 'Dmitry Grebenshchikov',
    },
    position: {
      kk: 'Қалалық тұрғын үй-коммуналдық шаруашылығы бөлімі басшысының орынбасары',
      ru: 'Заместитель руководителя городского отдела жилищно-коммунального хозяйства',
      en: 'Deputy Head of the City Housing and Utilities Department',
    },
    area: {
      kk: 'Жылыту маусымы, ыстық су, сумен жабдықтау және кәріз желілеріндегі апаттар',
      ru: 'Отопительный сезон, горячая вода, аварии на сетях водоснабжения и канализации',
      en: 'The heating season, hot water, breakdowns of water and sewer networks',
    },
  },
  {
    code: 'transport-head',
    departmentCode: 'transport',
    kioskOrder: 9,
    sex: 'm',
    fullName: {
      kk: 'Виктор Александрович Шевченко',
      ru: 'Виктор Александрович Шевченко',
      en: 'Viktor Shevchenko',
    },
    position: {
      kk: 'Қалалық жолаушылар көлігі және автомобиль жолдары бөлімінің басшысы',
      ru: 'Руководитель городского отдела пассажирского транспорта и автомобильных дорог',
      en: 'Head of the City Passenger Transport and Roads Department',
    },
    area: {
      kk: 'Көшелер мен жолдарды жөндеу, қар тазалау, көше жарығы, бағдаршамдар',
      ru: 'Ремонт улиц и дорог, уборка снега, уличное освещение, светофоры',
      en: 'Street and road repairs, snow clearing, street lighting, traffic lights',
    },
  },
  {
    code: 'transport-deputy',
    departmentCode: 'transport',
    kioskOrder: 10,
    sex: 'm',
    fullName: {
      kk: 'Бауыржан Талғатұлы Ахметов',
      ru: 'Бауыржан Талгатович Ахметов',
      en: 'Baurzhan Akhmetov',
    },
    position: {
      kk: 'Қалалық жолаушылар көлігі және автомобиль жолдары бөлімі басшысының орынбасары',
      ru: 'Заместитель руководителя городского отдела пассажирского транспорта и автомобильных дорог',
      en: 'Deputy Head of the City Passenger Transport and Roads Department',
    },
    area: {
      kk: 'Қалалық автобус бағыттары, қозғалыс кестесі, аялдамалар, жол ақысы',
      ru: 'Городские автобусные маршруты, расписание, остановки, оплата проезда',
      en: 'City bus routes, timetables, stops, fares',
    },
  },
  {
    code: 'education-head',
    departmentCode: 'education',
    kioskOrder: 11,
    sex: 'f',
    fullName: {
      kk: 'Сәуле Бекболатқызы Исабекова',
      ru: 'Сауле Бекболатовна Исабекова',
      en: 'Saule Issabekova',
    },
    position: {
      kk: 'Қалалық білім бөлімінің басшысы',
      ru: 'Руководитель городского отдела образования',
      en: 'Head of the City Education Department',
    },
    area: {
      kk: 'Мектептер, балаларды мектепке қабылдау, мұғалімдер, инклюзивті білім беру',
      ru: 'Школы, приём детей в школу, учителя, инклюзивное образование',
      en: 'Schools, school admission, teachers, inclusive education',
    },
  },
  {
    code: 'education-deputy',
    departmentCode: 'education',
    kioskOrder: 12,
    sex: 'f',
    fullName: {
      kk: 'Наталья Сергеевна Кузнецова',
      ru: 'Наталья Сергеевна Кузнецова',
      en: 'Natalya Kuznetsova',
    },
    position: {
      kk: 'Қалалық білім бөлімі басшысының орынбасары',
      ru: 'Заместитель руководителя городского отдела образования',
      en: 'Deputy Head of the City Education Department',
    },
    area: {
      kk: 'Балабақшаға кезек, мектепке дейінгі ұйымдар, қосымша білім беру',
      ru: 'Очередь в детский сад, дошкольные организации, дополнительное образование',
      en: 'Kindergarten waiting list, pre-school organisations, after-school education',
    },
  },
  {
    code: 'health-head',
    departmentCode: 'health',
    kioskOrder: 13,
    sex: 'f',
    fullName: {
      kk: 'Ғалия Ержанқызы Мұқанова',
      ru: 'Галия Ержановна Муканова',
      en: 'Galiya Mukanova',
    },
    position: {
      kk: 'Қалалық денсаулық сақтау мәселелерін үйлестіру бөлімінің басшысы',
      ru: 'Руководитель городского отдела координации вопросов здравоохранения',
      en: 'Head of the City Health Care Coordination Department',
    },
    area: {
      kk: 'Емханаға тіркелу, дәрігерге жазылу, тегін дәрі-дәрмек, медициналық көмектің сапасы',
      ru: 'Прикрепление к поликлинике, запись к врачу, бесплатные лекарства, качество медицинской помощи',
      en: "Registering with a clinic, doctor's appointments, free medicines, quality of medical care",
    },
  },
  {
    code: 'social-head',
    departmentCode: 'social',
    kioskOrder: 14,
    sex: 'f',
    fullName: {
      kk: 'Мәдина Серікқызы Байжанова',
      ru: 'Мадина Сериковна Байжанова',
      en: 'Madina Baizhanova',
    },
    position: {
      kk: 'Қалалық жұмыспен қамту және әлеуметтік бағдарламалар бөлімінің басшысы',
      ru: 'Руководитель городского отдела занятости и социальных программ',
      en: 'Head of the City Employment and Social Programmes Department',
    },
    area: {
      kk: 'Атаулы әлеуметтік көмек, мүгедектігі бар адамдарды қолдау, көпбалалы отбасылар, зейнеткерлер',
      ru: 'Адресная социальная помощь, поддержка лиц с инвалидностью, многодетные семьи, пенсионеры',
      en: 'Targeted social assistance, support for people with disabilities, large families, pensioners',
    },
  },
  {
    code: 'social-deputy',
    departmentCode: 'social',
    kioskOrder: 15,
    sex: 'm',
    fullName: {
      kk: 'Андрей Петрович Лысенко',
      ru: 'Андрей Петрович Лысенко',
      en: 'Andrey Lysenko',
    },
    position: {
      kk: 'Қалалық жұмыспен қамту және әлеуметтік бағдарламалар бөлімі басшысының орынбасары',
      ru: 'Заместитель руководителя городского отдела занятости и социальных программ',
      en: 'Deputy Head of the City Employment and Social Programmes Department',
    },
    area: {
      kk: 'Жұмысқа орналастыру, бос жұмыс орындары, жастар практикасы, қоғамдық жұмыстар',
      ru: 'Трудоустройство, вакансии, молодёжная практика, общественные работы',
      en: 'Finding a job, vacancies, youth internships, public works',
    },
  },
  {
    code: 'land-head',
    departmentCode: 'land',
    kioskOrder: 16,
    sex: 'm',
    fullName: {
      kk: 'Талғат Әлібекұлы Сейітов',
      ru: 'Талгат Алибекович Сеитов',
      en: 'Talgat Seitov',
    },
    position: {
      kk: 'Қалалық жер қатынастары бөлімінің басшысы',
      ru: 'Руководитель городского отдела земельных отношений',
      en: 'Head of the City Land Relations Department',
    },
    area: {
      kk: 'Жер учаскелерін беру, жерге құжаттар, жер дауы, пайдаланылмай жатқан жерлер',
      ru: 'Предоставление земельных участков, документы на землю, земельные споры, неиспользуемые земли',
      en: 'Allocation of land plots, land documents, land disputes, unused land',
    },
  },
  {
    code: 'architecture-head',
    departmentCode: 'architecture',
    kioskOrder: 17,
    sex: 'm',
    fullName: {
      kk: 'Игорь Владимирович Морозов',
      ru: 'Игорь Владимирович Морозов',
      en: 'Igor Morozov',
    },
    position: {
      kk: 'Қалалық сәулет және қала құрылысы бөлімінің басшысы, қаланың бас сәулетшісі',
      ru: 'Руководитель городского отдела архитектуры и градостроительства, главный архитектор города',
      en: 'Head of the City Architecture and Urban Planning Department, Chief Architect of the City',
    },
    area: {
      kk: 'Қаланың бас жоспары, құрылыс салуға рұқсат, эскиздік жобалар, заңсыз құрылыстар',
      ru: 'Генеральный план города, разрешения на строительство, эскизные проекты, самовольные постройки',
      en: 'The city master plan, building permits, design approvals, unauthorised buildings',
    },
  },
  {
    code: 'architecture-deputy',
    departmentCode: 'architecture',
    kioskOrder: 18,
    sex: 'm',
    fullName: {
      kk: 'Бекзат Ерланұлы Тоқтаров',
      ru: 'Бекзат Ерланович Токтаров',
      en: 'Bekzat Toktarov',
    },
    position: {
      kk: 'Қалалық сәулет және қала құрылысы бөлімі басшысының орынбасары',
      ru: 'Заместитель руководителя городского отдела архитектуры и градостроительства',
      en: 'Deputy Head of the City Architecture and Urban Planning Department',
    },
    area: {
      kk: 'Пәтерлерді қайта жоспарлау, сыртқы жарнама, ғимараттардың қасбеттері',
      ru: 'Перепланировка квартир, наружная реклама, фасады зданий',
      en: 'Alterations to flats, outdoor advertising, building facades',
    },
  },
  {
    code: 'construction-head',
    departmentCode: 'construction',
    kioskOrder: 19,
    sex: 'm',
    fullName: {
      kk: 'Серік Қанатұлы Әбдірахманов',
      ru: 'Серик Канатович Абдрахманов',
      en: 'Serik Abdrakhmanov',
    },
    position: {
      kk: 'Қалалық құрылыс бөлімінің басшысы',
      ru: 'Руководитель городского отдела строительства',
      en: 'Head of the City Construction Department',
    },
    area: {
      kk: 'Коммуналдық тұрғын үй, мектептер мен балабақшалар салу, инженерлік желілер құрылысы',
      ru: 'Строительство коммунального жилья, школ и детских садов, инженерных сетей',
      en: 'Building public housing, schools and kindergartens, utility networks',
    },
  },
  {
    code: 'business-head',
    departmentCode: 'business',
    kioskOrder: 20,
    sex: 'f',
    fullName: {
      kk: 'Динара Асқарқызы Жақсылықова',
      ru: 'Динара Аскаровна Жаксылыкова',
      en: 'Dinara Zhaksylykova',
    },
    position: {
      kk: 'Қалалық кәсіпкерлік және өнеркәсіп бөлімінің басшысы',
      ru: 'Руководитель городского отдела предпринимательства и промышленности',
      en: 'Head of the City Entrepreneurship and Industry Department',
    },
    area: {
      kk: 'Шағын және орта бизнесті қолдау, мемлекеттік бағдарламалар, сауда және тұрмыстық қызметтер',
      ru: 'Поддержка малого и среднего бизнеса, государственные программы, торговля и бытовые услуги',
      en: 'Support for small and medium businesses, state programmes, trade and consumer services',
    },
  },
  {
    code: 'culture-head',
    departmentCode: 'culture',
    kioskOrder: 21,
    sex: 'm',
    fullName: {
      kk: 'Нұрболат Маратұлы Қайыров',
      ru: 'Нурболат Маратович Каиров',
      en: 'Nurbolat Kairov',
    },
    position: {
      kk: 'Қалалық мәдениет, тілдерді дамыту, дене шынықтыру және спорт бөлімінің басшысы',
      ru: 'Руководитель городского отдела культуры, развития языков, физической культуры и спорта',
      en: 'Head of the City Culture, Languages, Physical Education and Sport Department',
    },
    area: {
      kk: 'Мәдени іс-шаралар, кітапханалар, спорт секциялары мен алаңдары, мемлекеттік тіл',
      ru: 'Культурные мероприятия, библиотеки, спортивные секции и площадки, государственный язык',
      en: 'Cultural events, libraries, sports clubs and grounds, the state language',
    },
  },
  {
    code: 'ecology-head',
    departmentCode: 'ecology',
    kioskOrder: 22,
    sex: 'f',
    fullName: {
      kk: 'Елена Викторовна Соколова',
      ru: 'Елена Викторовна Соколова',
      en: 'Elena Sokolova',
    },
    position: {
      kk: 'Қалалық табиғи ресурстар және табиғат пайдалануды реттеу бөлімінің басшысы',
      ru: 'Руководитель городского отдела природных ресурсов и регулирования природопользования',
      en: 'Head of the City Natural Resources and Environmental Regulation Department',
    },
    area: {
      kk: 'Ауаның ластануы, қоқыс шығару, заңсыз қоқыс үйінділері, ағаш кесу және көгалдандыру',
      ru: 'Загрязнение воздуха, вывоз мусора, стихийные свалки, вырубка деревьев и озеленение',
      en: 'Air pollution, waste collection, illegal dumps, tree felling and planting',
    },
  },
  {
    code: 'internal-policy-head',
    departmentCode: 'internal-policy',
    kioskOrder: 23,
    sex: 'f',
    fullName: {
      kk: 'Әйгерім Нұрланқызы Есенова',
      ru: 'Айгерим Нурлановна Есенова',
      en: 'Aigerim Yessenova',
    },
    position: {
      kk: 'Қалалық ішкі саясат және жастар істері бөлімінің басшысы',
      ru: 'Руководитель городского отдела внутренней политики и по делам молодёжи',
      en: 'Head of the City Internal Policy and Youth Affairs Department',
    },
    area: {
      kk: 'Жастар саясаты, үкіметтік емес ұйымдармен жұмыс, дін істері, қоғамдық тыңдаулар',
      ru: 'Молодёжная политика, работа с НПО, вопросы религии, общественные слушания',
      en: 'Youth policy, work with NGOs, religious affairs, public hearings',
    },
  },
  {
    code: 'finance-head',
    departmentCode: 'finance',
    kioskOrder: 24,
    sex: 'f',
    fullName: {
      kk: 'Жанар Төлеутайқызы Смағұлова',
      ru: 'Жанар Толеутаевна Смагулова',
      en: 'Zhanar Smagulova',
    },
    position: {
      kk: 'Қалалық қаржы бөлімінің басшысы',
      ru: 'Руководитель городского отдела финансов',
      en: 'Head of the City Finance Department',
    },
    area: {
      kk: 'Қала бюджеті, бюджеттік бағдарламалардың орындалуы, мемлекеттік сатып алу',
      ru: 'Городской бюджет, исполнение бюджетных программ, государственные закупки',
      en: 'The city budget, spending under budget programmes, public procurement',
    },
  },
];

export const DEMO_CATEGORIES: readonly DemoCategory[] = [
  {
    code: 'heating',
    sortOrder: 1,
    defaultOfficialCode: 'housing-head',
    name: { kk: 'Жылу және ыстық су', ru: 'Отопление и горячая вода', en: 'Heating and hot water' },
  },
  {
    code: 'water',
    sortOrder: 2,
    defaultOfficialCode: 'housing-head',
    name: {
      kk: 'Сумен жабдықтау және кәріз',
      ru: 'Водоснабжение и канализация',
      en: 'Water supply and sewerage',
    },
  },
  {
    code: 'housing',
    sortOrder: 3,
    defaultOfficialCode: 'housing-deputy-buildings',
    name: {
      kk: 'Тұрғын үй және басқару компаниялары',
      ru: 'Жильё и управляющие компании',
      en: 'Housing and management companies',
    },
  },
  {
    code: 'roads',
    sortOrder: 4,
    defaultOfficialCode: 'transport-head',
    name: { kk: 'Жолдар және көше жарығы', ru: 'Дороги и освещение', en: 'Roads and street lighting' },
  },
  {
    code: 'transport',
    sortOrder: 5,
    defaultOfficialCode: 'transport-deputy',
    name: { kk: 'Қоғамдық көлік', ru: 'Общественный транспорт', en: 'Public transport' },
  },
  {
    code: 'land',
    sortOrder: 6,
    defaultOfficialCode: 'land-head',
    name: { kk: 'Жер учаскелері', ru: 'Земельные участки', en: 'Land plots' },
  },
  {
    code: 'permits',
    sortOrder: 7,
    defaultOfficialCode: 'architecture-head',
    name: {
      kk: 'Құрылысқа рұқсат',
      ru: 'Разрешения на строительство',
      en: 'Building permits',
    },
  },
  {
    code: 'schools',
    sortOrder: 8,
    defaultOfficialCode: 'education-head',
    name: {
      kk: 'Мектептер мен балабақшалар',
      ru: 'Школы и детские сады',
      en: 'Schools and kindergartens',
    },
  },
  {
    code: 'health',
    sortOrder: 9,
    defaultOfficialCode: 'health-head',
    name: { kk: 'Денсаулық сақтау', ru: 'Здравоохранение', en: 'Health care' },
  },
  {
    code: 'social',
    sortOrder: 10,
    defaultOfficialCode: 'social-head',
    name: {
      kk: 'Әлеуметтік көмек және зейнетақы',
      ru: 'Социальная поддержка и пенсии',
      en: 'Social support and pensions',
    },
  },
  {
    code: 'employment',
    sortOrder: 11,
    defaultOfficialCode: 'social-deputy',
    name: { kk: 'Жұмыспен қамту', ru: 'Трудоустройство', en: 'Employment' },
  },
  {
    code: 'business',
    sortOrder: 12,
    defaultOfficialCode: 'business-head',
    name: { kk: 'Кәсіпкерлікті қолдау', ru: 'Поддержка бизнеса', en: 'Business support' },
  },
  {
    code: 'ecology',
    sortOrder: 13,
    defaultOfficialCode: 'ecology-head',
    name: { kk: 'Экология және қоқыс', ru: 'Экология и мусор', en: 'Ecology and waste' },
  },
  {
    code: 'culture',
    sortOrder: 14,
    defaultOfficialCode: 'culture-head',
    name: { kk: 'Мәдениет және спорт', ru: 'Культура и спорт', en: 'Culture and sport' },
  },
  {
    code: 'corruption',
    sortOrder: 15,
    defaultOfficialCode: 'akim',
    name: {
      kk: 'Сыбайлас жемқорлық және лауазымды тұлғаның заң бұзуы',
      ru: 'Коррупция и нарушение закона должностным лицом',
      en: 'Corruption or a breach of the law by an official',
    },
  },
  {
    code: 'other',
    sortOrder: 16,
    defaultOfficialCode: 'akim-office-head',
    name: { kk: 'Басқа мәселелер', ru: 'Другие вопросы', en: 'Other matters' },
  },
];

export const DEMO_FAQ: readonly DemoFaqArticle[] = [
  {
    slug: 'what-to-say',
    sortOrder: 1,
    categoryCode: null,
    title: {
      kk: 'Бейнеөтініште не айту керек',
      ru: 'Что сказать в видеообращении',
      en: 'What to say in a video appeal',
    },
    body: {
      kk: `## Қысқа әрі нақты

Әдетте екі минут жеткілікті. Жазуды бастамас бұрын не айтатыныңызды ойланып алыңыз.

## Не айту керек

- Аты-жөніңіз.
- Мәселе қай жерде: көше, үй және пәтер нөмірі.
- Не болды және қашаннан бері.
- Бұған дейін қайда жүгіндіңіз және қандай жауап алдыңыз.
- Нақты не сұрайсыз.

## Кеңестер

- Қазақ, орыс немесе ағылшын тілінде сөйлей аласыз.
- Құжат болса, оны камераға көрсетіңіз.
- Басқа адамдардың жеке мәліметтерін қажетсіз айтпаңыз.`,
      ru: `## Коротко и по делу

Обычно хватает двух минут. Прежде чем начать запись, подумайте, что хотите сказать.

## Что сказать

- Свои фамилию, имя и отчество.
- Где проблема: улица, номер дома и квартиры.
- Что случилось и с какого времени.
- Куда вы уже обращались и что вам ответили.
- Чего именно вы просите.

## Советы

- Говорить можно на казахском, русском или английском языке.
- Если есть документ, покажите его в камеру.
- Не называйте без необходимости личные данные других людей.`,
      en: `## Short and to the point

Two minutes is usually enough. Before you start recording, think about what you want to say.

## What to say

- Your full name.
- Where the problem is: street, building and flat number.
- What happened and since when.
- Where you have already turned to and what answer you got.
- What exactly you are asking for.

## Tips

- You may speak Kazakh, Russian or English.
- If you have a document, hold it up to the camera.
- Do not name other people's personal details unless you need to.`,
    },
  },
  {
    slug: 'documents',
    sortOrder: 2,
    categoryCode: null,
    title: {
      kk: 'Қандай құжаттар керек',
      ru: 'Какие документы нужны',
      en: 'Which documents you need',
    },
    body: {
      kk: `## Міндетті түрде

- Ұялы телефон: оған растау коды, кейін жауап туралы хабарлама келеді.

## Қажет болса

- Жеке куәлік немесе ЖСН. Міндетті емес, бірақ ЖСН көрсетсеңіз, өтінішіңіз сізге тиесілі екені оңай анықталады.
- Мәселеге қатысты құжаттар: түбіртектер, шарттар, бұрынғы жауаптар, анықтамалар, фотосуреттер.

## Кабинада

Құжатты камераға жақындатып, бірнеше секунд ұстап тұрыңыз. Түпнұсқаны ешкім алмайды, ол өзіңізде қалады.`,
      ru: `## Обязательно

- Мобильный телефон: на него придёт код подтверждения, а потом сообщение об ответе.

## По возможности

- Удостоверение личности или ИИН. Это не обязательно, но с ИИН проще подтвердить, что обращение ваше.
- Документы по вашему вопросу: квитанции, договоры, прежние ответы, справки, фотографии.

## В кабине

Поднесите документ к камере и подержите несколько секунд. Оригинал никто не забирает, он остаётся у вас.`,
      en: `## Required

- A mobile phone: it receives a confirmation code and, later, a message about the answer.

## If you have them

- Your ID card or IIN. Not required, but with an IIN it is easier to confirm that the appeal is yours.
- Papers about your issue: bills, contracts, earlier answers, certificates, photos.

## In the booth

Hold the document close to the camera for a few seconds. Nobody takes the original: it stays with you.`,
    },
  },
  {
    slug: 'deadlines',
    sortOrder: 3,
    categoryCode: null,
    title: {
      kk: 'Қарау мерзімі: 15 жұмыс күні және оны ұзарту',
      ru: 'Срок рассмотрения: 15 рабочих дней и продление',
      en: 'The deadline: 15 working days, and extensions',
    },
    body: {
      kk: `## Тіркеу

Өтініш келген күні тіркеледі. Демалыс немесе мереке күні жіберілсе, келесі жұмыс күні тіркеледі. Сізге тіркеу нөмірі, күні мен уақыты көрсетілген талон беріледі.

## Мерзім

Жауап тіркелген күннен бастап **15 жұмыс күні** ішінде беріледі. Демалыс және мереке күндері есептелмейді.

## Ұзарту

Қосымша тексеру керек болса, мерзім дәлелді шешіммен ұзартылуы мүмкін, бірақ барлығы **2 айдан** аспайды. Ұзарту туралы сізге шешім қабылданғаннан кейін 3 жұмыс күні ішінде хабарланады.

## Басқа органға жіберу

Мәселе басқа органның құзыретінде болса, өтініш 3 жұмыс күні ішінде соған жіберіледі. Қайда және неге жіберілгені сізге хабарланады.

## Жауап келмесе

Мерзімінде жауап берілмесе, бұл бас тарту деп саналады және оған шағым беруге болады.`,
      ru: `## Регистрация

Обращение регистрируется в день поступления. Если оно подано в выходной или праздник, его регистрируют в следующий рабочий день. Вы получаете талон с регистрационным номером, датой и временем.

## Срок

Ответ даётся в течение **15 рабочих дней** со дня регистрации. Выходные и праздники не считаются.

## Продление

Если нужна дополнительная проверка, срок могут продлить мотивированным решением, но всего не более чем до **2 месяцев**. О продлении вам сообщат в течение 3 рабочих дней после принятия решения.

## Перенаправление

Если вопрос не в компетенции адресата, обращение в течение 3 рабочих дней передают в тот орган, который его решает. Вам сообщат, куда и почему.

## Если ответа нет

Отсутствие ответа в срок считается отказом, и его можно обжаловать.`,
      en: `## Registration

An appeal is registered on the day it arrives. One sent on a weekend or public holiday is registered on the next working day. You get a receipt with the registration number, date and time.

## The deadline

The answer is due within **15 working days** of registration. Weekends and public holidays do not count.

## Extensions

If more checking is needed, the deadline may be extended by a reasoned decision, to **2 months** at most in all. You are told about an extension within 3 working days of the decision.

## Redirection

If the matter belongs to another body, your appeal is passed to it within 3 working days, and you are told where it went and why.

## If no answer comes

No answer by the deadline counts as a refusal, and you can challenge it.`,
    },
  },
  {
    slug: 'check-answer',
    sortOrder: 4,
    categoryCode: null,
    title: {
      kk: 'Жауапты қалай білуге болады',
      ru: 'Как узнать ответ',
      en: 'How to look up the answer',
    },
    body: {
      kk: `## Сізге керек

- **Тіркеу нөмірі**, мысалы \`250612-0042\`.
- **Қол жеткізу коды**, мысалы \`7K3QD-M9XWA\`.

Екеуі де талонда басылған және SMS арқылы жіберіледі. Кодты ешкімге айтпаңыз.

## Қалай тексеру керек

1. Сайтта немесе кабинада «Жауапты тексеру» бөлімін ашыңыз.
2. Тіркеу нөмірі мен кодты енгізіңіз.
3. Өтініштің мәртебесін, мерзімін және жауаптың мәтінін көресіз.

Жауап дайын болғанда, телефоныңызға хабарлама келеді.

## Талонды сақтаңыз

Код бізде ашық түрде сақталмайды, сондықтан оны ешкім қайта айтып бере алмайды.`,
      ru: `## Что понадобится

- **Регистрационный номер**, например \`250612-0042\`.
- **Код доступа**, например \`7K3QD-M9XWA\`.

Оба напечатаны на талоне и приходят в SMS. Никому не сообщайте код.

## Как проверить

1. Откройте раздел «Проверить ответ» на сайте или в кабине.
2. Введите регистрационный номер и код.
3. Вы увидите статус обращения, срок и текст ответа.

Когда ответ будет готов, на ваш телефон придёт сообщение.

## Сохраните талон

Код не хранится у нас в открытом виде, поэтому никто не сможет подсказать его вам заново.`,
      en: `## What you need

- The **registration number**, for example \`250612-0042\`.
- The **access code**, for example \`7K3QD-M9XWA\`.

Both are printed on your receipt and sent to you by SMS. Do not tell anyone the code.

## How to check

1. Open "Check the answer" on the website or in the booth.
2. Enter the registration number and the code.
3. You will see the status of the appeal, the deadline and the text of the answer.

When the answer is ready, you get a message on your phone.

## Keep the receipt

We do not store the code in readable form, so nobody can tell it to you again.`,
    },
  },
  {
    slug: 'personal-data',
    sortOrder: 5,
    categoryCode: null,
    title: {
      kk: 'Жеке деректеріңіз қалай қорғалады',
      ru: 'Как защищены ваши персональные данные',
      en: 'How your personal data is protected',
    },
    body: {
      kk: `## Алдымен келісім

Камера сіз дербес деректерді өңдеуге келісім бергеннен кейін ғана қосылады. Бейнежазбадағы бейнеңіз де дербес дерек болып саналады.

## Не жинаймыз және не үшін

- Бейнежазба, аты-жөніңіз, телефон нөміріңіз, қаласаңыз ЖСН.
- Бұл деректер тек өтінішіңізді қарау және сізге жауап беру үшін пайдаланылады.

## Кім көреді

Жазбаны өтініш жолданған лауазымды тұлға және өтінішті тіркейтін, бақылайтын қызметкерлер ғана көреді. Олардың әрекеттері журналға жазылады.

## Қайда сақталады

Деректер Қазақстан аумағындағы серверлерде сақталады. Деректер жария болып кетсе, бұл туралы уәкілетті органға бір жұмыс күні ішінде хабарланады.`,
      ru: `## Сначала согласие

Камера включается только после того, как вы дали согласие на обработку персональных данных. Ваше изображение на видеозаписи тоже относится к персональным данным.

## Что мы собираем и зачем

- Видеозапись, ваше имя, номер телефона и, по желанию, ИИН.
- Эти данные используются только для рассмотрения обращения и ответа вам.

## Кто видит

Запись видят только должностное лицо, которому адресовано обращение, и сотрудники, которые его регистрируют и контролируют. Их действия записываются в журнал.

## Где хранится

Данные хранятся на серверах на территории Казахстана. Об утечке данных уполномоченный орган уведомляется в течение одного рабочего дня.`,
      en: `## Consent comes first

The camera turns on only after you have agreed to the processing of your personal data. Your image in the recording is personal data too.

## What we collect and why

- The recording, your name, your phone number and, if you wish, your IIN.
- They are used only to consider your appeal and to answer you.

## Who sees it

Only the official the appeal is addressed to and the staff who register and oversee it. What they do is recorded in a log.

## Where it is kept

On servers in Kazakhstan. If data leaks, the authorised body is notified within one working day.`,
    },
  },
  {
    slug: 'report-violation',
    sortOrder: 6,
    categoryCode: 'corruption',
    title: {
      kk: 'Лауазымды тұлғаның заң бұзуы туралы қалай хабарлауға болады',
      ru: 'Как сообщить о нарушении закона должностным лицом',
      en: 'How to report a breach of the law by an official',
    },
    body: {
      kk: `## Тақырыпты таңдаңыз

«Сыбайлас жемқорлық және лауазымды тұлғаның заң бұзуы» тақырыбын таңдаңыз. Мұндай өтініш шағым жасалған бөлімге емес, тікелей қала әкіміне жіберіледі.

## Не айту керек

- Кім: лауазымды тұлғаның аты-жөні немесе лауазымы, мекеменің атауы.
- Не болды: пара сұрау, негізсіз бас тарту, дөрекілік, істі әдейі созу.
- Қашан және қай жерде болды.
- Куәлар мен дәлелдер бар ма.

## Білген жөн

- Анонимді өтініштер қаралмайды, бірақ қылмыс немесе қауіпсіздікке қатер туралы хабарлар тексеріледі.
- Қылмыс туралы құқық қорғау органдарына немесе Сыбайлас жемқорлыққа қарсы іс-қимыл агенттігіне тікелей хабарлауға да болады.
- Өміріңізге қауіп төнсе, 102 нөміріне қоңырау шалыңыз.`,
      ru: `## Выберите тему

Выберите тему «Коррупция и нарушение закона должностным лицом». Такое обращение уходит не в тот отдел, на который вы жалуетесь, а прямо акиму города.

## Что сказать

- Кто: фамилия или должность должностного лица, название учреждения.
- Что случилось: вымогательство взятки, необоснованный отказ, грубость, намеренное затягивание.
- Когда и где это было.
- Есть ли свидетели и доказательства.

## Важно знать

- Анонимные обращения не рассматриваются, но сообщения о преступлениях и угрозах безопасности проверяются.
- О преступлении можно сообщить и напрямую в правоохранительные органы или в Агентство по противодействию коррупции.
- Если есть угроза жизни, звоните 102.`,
      en: `## Choose the topic

Choose "Corruption or a breach of the law by an official". Such an appeal goes straight to the akim of the city, not to the department you are complaining about.

## What to say

- Who: the official's name or post, and the office.
- What happened: a demand for a bribe, a refusal without grounds, rudeness, deliberate delay.
- When and where it happened.
- Whether there are witnesses or evidence.

## Good to know

- Anonymous appeals are not considered, but reports of crimes or threats to security are checked.
- You can also report a crime directly to law enforcement or to the Anti-Corruption Agency.
- If your life is in danger, call 102.`,
    },
  },
  {
    slug: 'no-heating',
    sortOrder: 7,
    categoryCode: 'heating',
    title: {
      kk: 'Жылу немесе ыстық су жоқ болса',
      ru: 'Если нет отопления или горячей воды',
      en: 'No heating or hot water',
    },
    body: {
      kk: `## Алдымен

- Апат болса (құбыр жарылса, пәтерді су басса, бүкіл үйде жылу болмаса), бірден үйіңіздің апаттық-диспетчерлік қызметіне немесе қаланың 109 қызметіне қоңырау шалыңыз. Бейнеөтініш 15 жұмыс күніне дейін қаралады, сондықтан апаттық шақыртудың орнын баса алмайды.
- Тек сіздің пәтеріңіз суық болса, басқару компаниясына немесе мүлік иелерінің бірлестігіне (МИБ) өтінім қалдырып, өтінім нөмірін жазып алыңыз.

## Не айту керек

- Нақты мекенжай: көше, үй, кіреберіс, пәтер.
- Не болды: батареялар суық, бөлме салқын, ыстық су мүлде жоқ немесе әрең жылы.
- Бұл қай күннен бері жалғасып жатыр және бөлмедегі температура қанша, егер өлшеген болсаңыз.
- Бұған дейін қайда және қашан жүгіндіңіз, қандай жауап алдыңыз, өтінім нөмірі.

## Өзіңізбен бірге алыңыз

- Жылу мен ыстық суға соңғы айдағы төлем түбіртегі.
- Басқару компаниясының, МИБ-тің немесе жылумен жабдықтаушы ұйымның жауабы не өтінім нөмірі.
- Температураны өлшеу актісі, егер жасалған болса.
- Пәтердегі термометрдің фотосуреті, егер болса.`,
      ru: `## Сначала

- При аварии (прорвало трубу, затопило квартиру, нет тепла во всём доме) сразу звоните в аварийно-диспетчерскую службу вашего дома или в городскую службу 109. Видеообращение рассматривают до 15 рабочих дней, аварийный вызов оно не заменяет.
- Если холодно только в вашей квартире, оставьте заявку в управляющей компании или объединении собственников имущества (ОСИ) и запишите номер заявки.

## Что сказать

- Точный адрес: улица, дом, подъезд, квартира.
- Что именно: холодные батареи, в квартире прохладно, горячей воды нет совсем или она еле тёплая.
- С какого дня это продолжается и какая температура в комнате, если вы её измеряли.
- Куда и когда вы уже обращались, что вам ответили, номер заявки.

## Что взять с собой

- Квитанцию за отопление и горячую воду за последний месяц.
- Ответ управляющей компании, ОСИ или теплоснабжающей организации либо номер заявки.
- Акт замера температуры, если его составляли.
- Фотографию термометра в квартире, если есть.`,
      en: `## First

- In an emergency (a burst pipe, a flooded flat, no heating in the whole building) call your building's emergency dispatch service or the city's 109 service straight away. A video appeal takes up to 15 working days and does not replace an emergency call.
- If only your flat is cold, report it to the management company or the owners' association (OSI) and write down the request number.

## What to say

- The exact address: street, building, entrance, flat.
- What is wrong: cold radiators, a chilly flat, no hot water at all or barely warm water.
- Since when, and the temperature in the room if you have measured it.
- Where and when you have already turned to, what they answered, the request number.

## What to bring

- Last month's bill for heating and hot water.
- The answer of the management company, the OSI or the heat supplier, or the request number.
- The temperature measurement report, if one was made.
- A photo of a thermometer in your flat, if you have one.`,
    },
  },
  {
    slug: 'management-company',
    sortOrder: 8,
    categoryCode: 'housing',
    title: {
      kk: 'Басқару компаниясына немесе МИБ-ке шағым',
      ru: 'Жалоба на управляющую компанию или ОСИ',
      en: 'A complaint about a management company or owners’ association',
    },
    body: {
      kk: `## Алдымен

Басқару компаниясына немесе мүлік иелері бірлестігінің (МИБ) төрағасына жазбаша өтініш беріп, қабылданғаны туралы белгісі бар көшірмесін сақтап қойыңыз. Жауап болмаса немесе ол сізді қанағаттандырмаса, әкімдікке жүгініңіз.

## Не айту керек

- Үйдің мекенжайы және пәтеріңіздің нөмірі.
- Басқару компаниясының немесе МИБ-тің атауы.
- Не дұрыс емес: кіреберіс пен аула тазаланбайды, шатыр ағады, лифт істемейді, төлем түсініксіз есептелген, шығыстар туралы есеп берілмейді.
- Бұған дейін қашан және қайда жүгіндіңіз, не деп жауап берді.
- Не сұрайсыз: жөндеу жүргізуді, төлемді қайта есептеуді немесе есепті көрсетуді.

## Өзіңізбен бірге алыңыз

- Үйді күтіп-ұстауға төленген түбіртектер.
- Басқару компаниясына немесе МИБ-ке жазған өтінішіңіздің көшірмесі және олардың жауабы, егер болса.
- Фотосуреттер (шатыр, жертөле, кіреберіс), басқару шарты, тұрғындар жиналысының хаттамасы, егер болса.`,
      ru: `## Сначала

Подайте письменное заявление в управляющую компанию или председателю объединения собственников имущества (ОСИ) и сохраните копию с отметкой о приёме. Если ответа нет или он вас не устраивает, обращайтесь в акимат.

## Что сказать

- Адрес дома и номер вашей квартиры.
- Название управляющей компании или ОСИ.
- Что не так: не убирают подъезд и двор, течёт крыша, не работает лифт, непонятные начисления, нет отчёта о расходах.
- Когда и куда вы уже обращались, что вам ответили.
- О чём просите: провести ремонт, сделать перерасчёт или показать отчёт.

## Что взять с собой

- Квитанции об оплате за содержание дома.
- Копию вашего заявления в управляющую компанию или ОСИ и их ответ, если он есть.
- Фотографии (крыша, подвал, подъезд), договор управления, протокол собрания жильцов, если есть.`,
      en: `## First

Give the management company, or the chair of the owners' association (OSI), a written complaint and keep a copy stamped as received. If there is no answer or it does not satisfy you, turn to the akimat.

## What to say

- The building's address and your flat number.
- The name of the management company or the OSI.
- What is wrong: the stairwell and yard are not cleaned, the roof leaks, the lift does not work, the charges make no sense, no report on spending is given.
- When and where you have already complained, and what they answered.
- What you ask for: a repair, a recalculation of the charges, or the report.

## What to bring

- Your receipts for building maintenance.
- A copy of your complaint to the management company or the OSI, and their answer if there is one.
- Photos (roof, basement, stairwell), the management contract, the minutes of a residents' meeting, if you have them.`,
    },
  },
  {
    slug: 'roads-and-lighting',
    sortOrder: 9,
    categoryCode: 'roads',
    title: {
      kk: 'Жолдағы шұңқырлар, тротуарлар және көше жарығы',
      ru: 'Ямы на дорогах, тротуары и уличное освещение',
      en: 'Potholes, pavements and street lighting',
    },
    body: {
      kk: `## Не айту керек

- Нақты орны: көше және жақын тұрған үйдің нөмірі, қиылыс немесе аялдама. Неғұрлым нақты айтсаңыз, соғұрлым тез табады.
- Не болды: жолда шұңқыр бар, тротуар бұзылған, құдықтың қақпағы жоқ, шамдар жанбайды, бағдаршам істемейді, қар тазаланбайды.
- Қашаннан бері және қаншалықты қауіпті: мысалы, жанында мектеп немесе жаяу жүргінші өткелі бар.

## Өзіңізбен бірге алыңыз

- Телефоныңыздағы сол жердің фотосуреттері: оларды камераға көрсетуге болады.
- Бұрын жүгінген болсаңыз, алған жауабыңыз.

## Қазір қауіпті болса

Қақпағы жоқ құдық, құлаған бағана немесе үзілген сым көрсеңіз, бірден 112 нөміріне хабарлаңыз.`,
      ru: `## Что сказать

- Точное место: улица и номер ближайшего дома, перекрёсток или остановка. Чем точнее, тем быстрее найдут.
- Что именно: яма на дороге, разбитый тротуар, открытый люк, не горят фонари, не работает светофор, не убран снег.
- С какого времени и насколько это опасно: например, рядом школа или пешеходный переход.

## Что взять с собой

- Фотографии места в телефоне: их можно показать в камеру.
- Ответ, если вы уже обращались раньше.

## Если опасно прямо сейчас

Открытый люк, упавший столб или оборванный провод — сразу звоните 112.`,
      en: `## What to say

- The exact place: the street and the nearest building number, a junction or a bus stop. The more precise, the faster it is found.
- What is wrong: a pothole, a broken pavement, an open manhole, street lights out, a traffic light not working, snow not cleared.
- Since when, and how dangerous it is: for example, a school or a pedestrian crossing nearby.

## What to bring

- Photos of the place on your phone: you can show them to the camera.
- The answer you got, if you have complained before.

## If it is dangerous right now

An open manhole, a fallen pole or a broken wire: call 112 straight away.`,
    },
  },
  {
    slug: 'land-plot',
    sortOrder: 10,
    categoryCode: 'land',
    title: {
      kk: 'Жер учаскесі бойынша мәселелер',
      ru: 'Вопросы по земельному участку',
      en: 'Questions about a land plot',
    },
    body: {
      kk: `## Не айту керек

- Учаске қай жерде: мекенжайы немесе ауданы, білсеңіз кадастрлық нөмірі.
- Не керек: учаске алу, құжаттарды рәсімдеу, шекараны түзету, неге бас тартқанын білу, көршімен шекара туралы дау.
- Өтінішті қашан және қайда бердіңіз, өтініштің нөмірі және не деп жауап берді.

## Өзіңізбен бірге алыңыз

- Жеке куәлік.
- Учаскенің сәйкестендіру құжаты немесе жер учаскесіне акт, егер болса.
- Өтініштің нөмірі немесе бас тарту туралы жауап.
- Учаскенің сызбасы немесе фотосуреттері, егер болса.

## Білген жөн

Жеке тұрғын үй құрылысына учаске алу үшін кезекке тұруға және басқа да көптеген өтініштерді беруге egov.kz порталы арқылы болады. Көршімен шекара туралы келісе алмасаңыз, дауды сот шешеді; әкімдік не істеу керегін түсіндіре алады.`,
      ru: `## Что сказать

- Где участок: адрес или район, кадастровый номер, если знаете.
- Что нужно: получить участок, оформить документы, исправить границы, узнать причину отказа, спор с соседями о границе.
- Когда и куда вы подавали заявление, его номер и что вам ответили.

## Что взять с собой

- Удостоверение личности.
- Идентификационный документ на участок или акт на земельный участок, если есть.
- Номер заявления или ответ с отказом.
- Схему или фотографии участка, если есть.

## Полезно знать

Встать в очередь на участок под индивидуальное жилищное строительство и подать многие заявления можно через портал egov.kz. Спор с соседом о границе, если договориться не удалось, решает суд; акимат может разъяснить, как поступить.`,
      en: `## What to say

- Where the plot is: the address or the area, and the cadastral number if you know it.
- What you need: to get a plot, to register documents, to correct the boundaries, to learn why you were refused, a boundary dispute with a neighbour.
- When and where you applied, the application number and what you were told.

## What to bring

- Your ID card.
- The plot's identification document or the title deed, if you have it.
- The application number or the letter of refusal.
- A plan or photos of the plot, if you have them.

## Good to know

You can join the waiting list for a plot to build a family house, and make many other applications, on the egov.kz portal. A boundary dispute with a neighbour that you cannot settle is decided by a court; the akimat can explain what to do.`,
    },
  },
  {
    slug: 'kindergarten-and-school',
    sortOrder: 11,
    categoryCode: 'schools',
    title: {
      kk: 'Балабақшаға кезек және мектепке қабылдау',
      ru: 'Очередь в детский сад и приём в школу',
      en: 'The kindergarten waiting list and school admission',
    },
    body: {
      kk: `## Жүгінер алдында

Балабақшаға кезекке тұруға және бірінші сыныпқа өтініш беруге egov.kz порталында немесе халыққа қызмет көрсету орталығында (ХҚКО) болады. Кезектегі нөміріңізді де сол жерден көре аласыз.

## Не айту керек

- Баланың аты-жөні және туған жылы.
- Балабақша туралы болса, кезектегі нөмірі және кезекке қойылған күні.
- Қай мектеп немесе балабақша туралы айтып отырсыз.
- Не болды: кезек жылжымайды, қабылдаудан бас тартты, берілген орын үйден тым алыс, орын жоқ.

## Өзіңізбен бірге алыңыз

- Баланың туу туралы куәлігі.
- Жеке куәлігіңіз.
- Кезекке қойылғаны туралы хабарлама немесе мектептің, балабақшаның жауабы.
- Жеңілдікке құқығыңыз болса, оны растайтын құжат (мысалы, мүгедектік немесе көпбалалы отбасы туралы анықтама).`,
      ru: `## Прежде чем обращаться

Встать в очередь в детский сад и подать заявление в первый класс можно на портале egov.kz или в центре обслуживания населения (ЦОН). Там же можно посмотреть номер в очереди.

## Что сказать

- Фамилию, имя и год рождения ребёнка.
- Если речь о детском саде — номер в очереди и дату постановки.
- О какой школе или каком детском саде идёт речь.
- Что случилось: очередь не движется, отказали в приёме, предложили место слишком далеко от дома, нет мест.

## Что взять с собой

- Свидетельство о рождении ребёнка.
- Своё удостоверение личности.
- Уведомление о постановке в очередь или ответ школы, детского сада.
- Документ о праве на льготу, если она есть (например, справку об инвалидности или о многодетной семье).`,
      en: `## Before you appeal

You can join the kindergarten waiting list and apply for the first grade on the egov.kz portal or at a public service centre (TsON). Your place in the queue is shown there too.

## What to say

- The child's name and year of birth.
- For a kindergarten: the place in the queue and the date the child was put on the list.
- Which school or kindergarten it is about.
- What happened: the queue does not move, admission was refused, the place offered is too far from home, there are no places.

## What to bring

- The child's birth certificate.
- Your ID card.
- The notice that the child is on the waiting list, or the answer of the school or kindergarten.
- A document proving a right to priority, if you have one (for example, a disability certificate or a large-family certificate).`,
    },
  },
  {
    slug: 'social-assistance',
    sortOrder: 12,
    categoryCode: 'social',
    title: {
      kk: 'Әлеуметтік көмек және жәрдемақылар',
      ru: 'Социальная помощь и пособия',
      en: 'Social assistance and benefits',
    },
    body: {
      kk: `## Не айту керек

- Қандай көмек сұрайсыз немесе қай төлем туралы: атаулы әлеуметтік көмек, тұрғын үй көмегі, мерекеге берілетін көмек, мүгедектігі бар адамды күтуге төлем.
- Өтінішті қайда және қашан бердіңіз, не деп жауап берді.
- Отбасыңызда неше адам бар және табыс бар ма; бас тартса — қандай себеппен.

## Өзіңізбен бірге алыңыз

- Жеке куәлік.
- Жауап немесе бас тарту туралы хабарлама, егер болса.
- Табыс, отбасы құрамы, мүгедектік туралы анықтамалар — мәселеге қатысты болса.

## Білген жөн

Көптеген төлемдерге өтінішті egov.kz порталында немесе ХҚКО-да беруге болады. Зейнетақы мен мемлекеттік жәрдемақыларды «Азаматтарға арналған үкімет» мемлекеттік корпорациясы тағайындайды: сұрағыңыз солар туралы болса, ХҚКО-да не істелгенін айтыңыз.`,
      ru: `## Что сказать

- Какую помощь вы просите или о какой выплате речь: адресная социальная помощь, жилищная помощь, помощь к праздникам, выплата по уходу за человеком с инвалидностью.
- Куда и когда вы подавали заявление, что вам ответили.
- Сколько человек в семье и есть ли доход; если отказали — по какой причине.

## Что взять с собой

- Удостоверение личности.
- Ответ или уведомление об отказе, если есть.
- Справки о доходах, составе семьи, инвалидности — если они относятся к делу.

## Полезно знать

Заявление на многие выплаты можно подать на портале egov.kz или в ЦОНе. Пенсии и государственные пособия назначает Государственная корпорация «Правительство для граждан»: если вопрос о них, расскажите, что уже сделано в ЦОНе.`,
      en: `## What to say

- What help you ask for, or which payment it is about: targeted social assistance, housing assistance, holiday assistance, the allowance for caring for a person with a disability.
- Where and when you applied, and what you were told.
- How many people are in your family and whether anyone earns; if you were refused, the reason given.

## What to bring

- Your ID card.
- The answer or the notice of refusal, if you have it.
- Certificates of income, family composition or disability, if they matter for your question.

## Good to know

Many payments can be applied for on the egov.kz portal or at a public service centre (TsON). Pensions and state benefits are granted by the State Corporation "Government for Citizens": if your question is about them, say what has already been done at the TsON.`,
    },
  },
];

/** Demo staff accounts. The passwords are public: for a demo installation only, never for production. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'official',
    password: 'official-demo',
    role: 'official',
    officialCode: 'housing-head',
    displayName: 'Ерлан Оспанов',
  },
  {
    username: 'operator',
    password: 'operator-demo',
    role: 'operator',
    officialCode: null,
    displayName: 'Айжан Омарова',
  },
  {
    username: 'supervisor',
    password: 'supervisor-demo',
    role: 'supervisor',
    officialCode: null,
    displayName: 'Татьяна Белова',
  },
  {
    username: 'admin',
    password: 'admin-demo',
    role: 'admin',
    officialCode: null,
    displayName: 'Администратор',
  },
  {
    username: 'akim',
    password: 'akim-demo',
    role: 'official',
    officialCode: 'akim',
    displayName: 'Жандос Әбілқасымов',
  },
];

/**
 * First day of Kurban Ait (a public day off in Kazakhstan), by year. 2024–2026 are the dates the government set;
 * 2027 and 2028 are astronomical estimates: the government decree sets the real date each year, so an administrator
 * must check these against the decree and correct the calendar.
 */
export const KURBAN_AIT: Readonly<Record<number, string>> = {
  2024: '2024-06-16',
  2025: '2025-06-06',
  2026: '2026-05-27',
  2027: '2027-05-16',
  2028: '2028-05-05',
};
