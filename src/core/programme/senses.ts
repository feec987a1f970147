/**
 * Ambiguous words read by their neighbours before they count as a topic: "дорогий друже" (dear)
 * says nothing; "ковбаса така дорога" is about a price, not a road; "швидкий інтернет" is fast,
 * not an ambulance; "подати скаргу" is to submit, not taxes ("податки"). Runs on normalised
 * tokens (analyse.ts), so the word lists below are folded the same way when the module loads.
 */

/** Folds a list of words as written with the analyser's token normaliser. */
type Fold = (text: string) => string[];

/** Words that, beside "дорогий"/"дорога", make it an address ("дорогий друже", "дорогі мої"). */
const PEOPLE = `друже друзі друзів друг друзья мої мій моя мое мои наші наш земляки земляки односельці односельчани
виборці жителі мешканці пане пані товариші товариш брати сестри бабусю дідусю мамо сусіди гості колеги громадо`;
/** Words that, beside "дорога", make it a price ("така дорога", "дуже дорога", "скільки коштує дорога"). */
const PRICE_CONTEXT = `така такий таке такі так дуже надто занадто зовсім настільки скільки коштує коштують ціна ціни ціну цена
цены стоит стоят очень слишком настолько така дорога дорожча дешева дешевше грн гривень гривні`;
/** Forms of "дорогий" and its Russian kin that read as a price or an address, never a road. */
const DEAR_OR_PRICE = `дорогий дорогі дороге дорогого дорогої дорогим дорогих дорогие дорогое дорогой дорогая`;
/** The road word itself, which the neighbours above may turn into a price or an address. */
const ROAD = `дорога`;
/** Forms of "швидкий"/"быстрый" that mean fast: never the ambulance ("швидка", "швидку", "скорая"). */
const FAST = `швидкий швидке швидкі швидко швидше швидкого швидких швидким швидкість быстрый быстрое быстрые быстро быстрее`;
/** Things that are fast, so "швидка доставка" is not "швидка (допомога)". */
const FAST_THINGS = `доставка доставку інтернет інтернету відповідь зв'язок поїздка позика позику кредит їжа реакція
доставка интернет ответ связь кредит займ еда`;
/** The feminine forms that alone mean the ambulance. */
const AMBULANCE_FORMS = `швидка швидку швидкої швидкою`;
/** Forms of "подати"/"подавати" (to submit, to serve) that folding brings next to "податки" (taxes). */
const SUBMIT = `подати подам подаси подасть подамо подасте подадуть подайте подав подала подали подавати подаю подає подаємо
подаєте подають подать подам подашь подаст подадим подадите подадут подал подала подали подавать подаёт подают`;

/** The word sets, folded once with the analyser's normaliser. */
export interface SenseWords {
  readonly people: ReadonlySet<string>;
  readonly priceContext: ReadonlySet<string>;
  readonly dearOrPrice: ReadonlySet<string>;
  readonly road: ReadonlySet<string>;
  readonly fast: ReadonlySet<string>;
  readonly fastThings: ReadonlySet<string>;
  readonly ambulance: ReadonlySet<string>;
  readonly submit: ReadonlySet<string>;
}

/** Folds the word lists with `fold` (the analyser's tokeniser). */
export function senseWords(fold: Fold): SenseWords {
  const set = (list: string): ReadonlySet<string> => new Set(fold(list));
  return {
    people: set(PEOPLE),
    priceContext: set(PRICE_CONTEXT),
    dearOrPrice: set(DEAR_OR_PRICE),
    road: set(ROAD),
    fast: set(FAST),
    fastThings: set(FAST_THINGS),
    ambulance: set(AMBULANCE_FORMS),
    submit: set(SUBMIT),
  };
}

/** What the word at `at` stands for in its neighbours' light: itself, another token, or nothing. */
function senseOf(tokens: readonly string[], at: number, words: SenseWords, priceToken: string): string | undefined {
  const token = tokens[at] ?? "";
  const near = (set: ReadonlySet<string>, span: number): boolean => {
    for (let i = Math.max(0, at - span); i <= Math.min(tokens.length - 1, at + span); i += 1) if (i !== at && set.has(tokens[i] ?? "")) return true;
    return false;
  };
  if (words.dearOrPrice.has(token) || token === priceToken || words.road.has(token)) {
    if (near(words.people, 1)) return undefined;
    if (words.road.has(token) && near(words.priceContext, 2)) return priceToken;
    return token;
  }
  if (words.fast.has(token)) return undefined;
  if (words.ambulance.has(token) && words.fastThings.has(tokens[at + 1] ?? "")) return undefined;
  if (words.submit.has(token)) return undefined;
  return token;
}

/**
 * Reads every ambiguous token by its neighbours: drops the ones that carry no topic here (an
 * address, "fast", "submit") and turns a road that costs money into `priceToken`.
 */
export function readSenses(tokens: readonly string[], words: SenseWords, priceToken: string): string[] {
  const read: string[] = [];
  tokens.forEach((_, at) => {
    const sense = senseOf(tokens, at, words, priceToken);
    if (sense !== undefined) read.push(sense);
  });
  return read;
}
