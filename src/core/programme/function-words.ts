/**
 * Words that say nothing about a topic: pronouns, prepositions, question words, greetings, the
 * fillers residents wrap a question in ("скажіть, будь ласка", "подскажите", "tell me") and the
 * names of places every question may carry. Written as people spell them; analyse.ts folds
 * them the same way as the text it filters. Topic words belong in vocabulary.json, never here.
 *
 * @module
 */

const UKRAINIAN = `
а і й та але або чи що шо як коли де куди звідки чому навіщо нащо хто кого кому ким чим чого
який яка яке які якого якій якої яких якому якими скільки це цей ця ці цього цієї цих цим цьому
той те ті того тієї тих тому там тут тоді вже ще теж також тільки лише навіть просто дуже так ні
не нема немає нема є був була було були буде будуть будете будемо буду бути бо щоб аби якщо поки
я мені мене мною ми нам нас нами наш наша наше наші нашому нашій нашого нашої наших нашим
ви вам вас вами ваш ваша ваше ваші вашої вашого вашій вашим ти тобі тебе він вона воно вони його
її їх їм йому їй свій своя своє свої своїх своїм мій моя моє мої моїх себе собі в у на з із зі
зо до від для по про за під над при через після перед без між біля коло о об то ж же б би хіба
невже ось от ну ага усе все всі усі всіх всім весь вся кожен кожна кожного кожному інший інша
інші інших можна можливо може треба потрібно необхідно хочу хочемо хоче хотів хотіла хотілось
скажіть підкажіть поясніть розкажіть будь ласка будьласка дякую спасибі питання запитання
відповідь відповідайте цікаво взагалі нарешті зараз тепер завжди ніколи колись знову досі давно
робити зробити зробите робите робитимете плануєте планує збираєтесь збираєтеся мати має мають
маєте маю якось щось хтось десь нічого ніхто ніде ніяк чогось когось пане пані друзі люди людей
людям людьми людина нашу вашу мою свою твою нашими вашими хочуть хотіли хотів хотять
допоможіть допоможете допоможемо допомогти допоможе потрібен потрібна потрібні житомирський житомирська житомирське
житомирські житомирських житомирського житомирської житомирському житомирській привіт вітаю добрий доброго добра день дня вечір вечора ранок ранку
здрастуйте здоровенькі добридень справи справах життя житті життям життю днем народження новий нова нове
нові нового нової новому новій новим новою новими нових коштує коштують план плани планах плану планів там туди сюди звідси тобто типу
короче реально серйозно вообще коротше взагалі хоч хоча адже ніби наче мабуть звичайно
житомир житомира житомиру житомирі житомиром україна україни україні україну київ києва києві
області область областю район районі району село селі села селу селищі місто місті міста
`;

const RUSSIAN = `
и а но или ли что чё чо как когда где куда откуда почему зачем кто кого кому кем чем чего какой
какая какое какие каких каким сколько это этот эта эти этого этой этих этим том тот та то те там
тут тогда уже ещё еще тоже также только лишь даже просто очень так нет не ни есть был была было
были будет будут будете будем буду быть потому чтобы чтоб шоб если пока я мне меня мной мы нам
нас нами наш наша наше наши нашем нашей нашего наших нашим вы вам вас вами ваш ваша ваше ваши
вашей вашего ты тебе тебя он она оно они его ее её их им ей ему свой своя свои своих мой моя мои
себя себе в во на с со из к ко от для по про за под над при через после перед без между около
о об же ж бы б ну вот вообще все всё всех всем весь вся каждый каждая другой другие других можно
может нужно надо нада хочу хотим хочет хотел скажите подскажите объясните расскажите пожалуйста
спасибо вопрос ответ интересно наконец сейчас теперь всегда никогда опять снова делать сделать
сделаете делаете собираетесь планируете планирует иметь имеет както чтото ктото гдето ничего
никто нигде никак люди людей людям человек нашу вашу мою свою хотят хотели хочется помогите поможете помочь поможет нужен нужна нужны житомирский житомирская
житомирское житомирские житомирских житомирского житомирской привет здравствуйте здрасте дела делишки жизнь жизни днем днём рождения новый новая новое
новые нового новой новому новым новыми новых стоит стоят добрый доброго добрая
день дня вечер вечера утро утра ето єто тіпа типа короче щас серьезно реально хоть хотя ведь
наверно конечно план планы планах плана планов житомир житомире житомира украина украины киев
киева области район районе села селе поселке город городе города
`;

const ENGLISH = `
a an the and or but if of to in on at for with about from by into over after before is are was
were be been being am do does did done doing have has had will would shall should can could may
might must i me my we us our ours you your yours he him his she her it its they them their this
that these those there here what which who whom whose when where why how any anything some
something all every each no not nothing yes so too very just only also even really actually
please thanks thank tell going gonna want wanna get got make made let still now then again ever
never always people person hi hello hey good morning evening dear ok okay dont doesnt isnt arent
cant wont im ive youre whats theres lets plan plans planning planned anyone someone anybody
somebody regarding concerning help new life cost costs think know like lot lots much many more most other others
zhytomyr ukraine kyiv region oblast area town city village
`;

/** English function words, as written: a Latin-letter message with one of them is English, not transliterated Ukrainian. */
export const ENGLISH_FUNCTION_WORDS: readonly string[] = ENGLISH.split(/\s+/u).filter((word) => word.length > 1);

/** Every function word of Ukrainian, Russian (with surzhyk spellings) and English, as written. */
export const FUNCTION_WORDS: readonly string[] = [UKRAINIAN, RUSSIAN, ENGLISH].flatMap((list) => list.split(/\s+/u).filter((word) => word.length > 0));

/**
 * Words that mark a message as something other than a question about the programme: classified
 * ads, weather, entertainment, and looking something up (a phone number, a timetable, an exchange
 * rate, a way to get somewhere, where to buy something). A question carrying one is still searched, with lower scores, so
 * "продам картоплю" does not come back as the agriculture item.
 */
export const OFF_TOPIC_CUES: readonly string[] = `
продам продаю продається продается продаётся куплю купляю обміняю обменяю віддам отдам недорого
здам сдам зніму сниму подобово посуточно
оголошення объявление погода погоди погоду дощ дощі сніг дождь снег концерт концерти фільм фильм
кіно кино серіал сериал анекдот жарт шутка гороскоп рецепт матч sell selling sale weather rain
snow concert movie film joke horoscope recipe
номер номера номеру розклад розкладу расписание долар долара долари доллар доллара євро евро валюта валюти валюты
таксі такси дістатися доїхати добратися доехать добраться купити купить buy schedule timetable taxi
number dollar euro
`
  .split(/\s+/u)
  .filter((word) => word.length > 0);
