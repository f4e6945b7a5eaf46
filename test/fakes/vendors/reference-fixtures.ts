/**
 * Reference data in each vendor's documented JSON (field names, types and units as in the
 * vendors' API docs' examples), for the fakes to serve and the tests to compare against.
 */

/** Finnhub `/stock/profile2?symbol=AAPL` (marketCapitalization and shareOutstanding in millions). */
export const finnhubProfile = (ticker: string, name: string) => ({
  country: 'US',
  currency: 'USD',
  exchange: 'NASDAQ NMS - GLOBAL MARKET',
  finnhubIndustry: 'Technology',
  ipo: '1980-12-12',
  logo: `https://static2.finnhub.io/file/publicdatany/finnhubimage/stock_logo/${ticker}.png`,
  marketCapitalization: 1415993,
  name,
  phone: '14089961010',
  shareOutstanding: 4375.47998046875,
  ticker,
  weburl: 'https://www.apple.com/',
});

/** Finnhub `/quote`: c, d, dp, h, l, o, pc, t (seconds). */
export const finnhubQuote = (c: number, t: number) => ({
  c,
  d: 1.25,
  dp: 0.7,
  h: c + 2,
  l: c - 3,
  o: c - 1,
  pc: c - 1.25,
  t,
});

/** Finnhub `/company-news` and `/news` article. */
export const finnhubArticle = (id: number, datetimeSec: number, related: string, headline: string) => ({
  category: 'company',
  datetime: datetimeSec,
  headline,
  id,
  image: `https://img.example/${id}.jpg`,
  related,
  source: 'MarketWatch',
  summary: `${headline}: summary`,
  url: `https://www.marketwatch.com/story/${id}`,
});

/** Finnhub `/calendar/earnings` row. */
export const finnhubEarnings = (symbol: string, date: string, year: number, quarter: number, epsEstimate: number) => ({
  date,
  epsActual: null,
  epsEstimate,
  hour: 'amc',
  quarter,
  revenueActual: null,
  revenueEstimate: 117_000_000_000,
  symbol,
  year,
});

/** Finnhub `/calendar/economic` row (`time` in UTC, "YYYY-MM-DD HH:MM:SS"). */
export const finnhubEconomic = (country: string, event: string, time: string, estimate: number) => ({
  actual: null,
  country,
  estimate,
  event,
  impact: 'high',
  prev: 0.2,
  time,
  unit: '%',
});

const contract = (symbol: string, exp: string, type: 'CALL' | 'PUT', strike: number) => ({
  contractName: `${symbol}${exp.replace(/-/g, '').slice(2)}${type[0]}${String(strike * 1000).padStart(8, '0')}`,
  contractSize: 'REGULAR',
  contractPeriod: 'MONTHLY',
  currency: 'USD',
  type,
  inTheMoney: type === 'CALL' ? 'TRUE' : 'FALSE',
  lastTradeDateTime: `${exp} 15:59:59`,
  expirationDate: exp,
  strike,
  lastPrice: 5.1,
  bid: 5.0,
  ask: 5.2,
  change: 0.1,
  changePercent: 2.0,
  volume: 1200,
  openInterest: 15000,
  impliedVolatility: 28.5,
  delta: type === 'CALL' ? 0.55 : -0.45,
  gamma: 0.03,
  theta: -0.05,
  vega: 0.2,
  rho: 0.01,
  intrinsicValue: 0,
  timeValue: 5.1,
  updatedAt: `${exp} 16:00:00`,
});

/** Finnhub `/stock/option-chain?symbol=`: `data` per expiration, each `options.CALL` / `options.PUT`. */
export const finnhubOptionChain = (symbol: string, price: number, expirations: string[], strikes: number[]) => ({
  code: symbol,
  exchange: 'US',
  lastTradeDate: '2026-01-02',
  lastTradePrice: price,
  data: expirations.map((exp) => ({
    expirationDate: exp,
    impliedVolatility: 28,
    putVolume: 1000,
    callVolume: 2000,
    putCallVolumeRatio: 0.5,
    putOpenInterest: 10000,
    callOpenInterest: 20000,
    putCallOpenInterestRatio: 0.5,
    optionsCount: strikes.length * 2,
    options: {
      CALL: strikes.map((k) => contract(symbol, exp, 'CALL', k)),
      PUT: strikes.map((k) => contract(symbol, exp, 'PUT', k)),
    },
  })),
});

/** Binance `/api/v3/ticker/24hr?symbol=` (decimal strings; times in ms). */
export const binanceTicker24hr = (symbol: string, lastPrice: string, closeTime: number) => ({
  symbol,
  priceChange: '-94.99999800',
  priceChangePercent: '-95.960',
  weightedAvgPrice: '0.29628482',
  prevClosePrice: '0.10002000',
  lastPrice,
  lastQty: '200.00000000',
  bidPrice: '4.00000000',
  bidQty: '100.00000000',
  askPrice: '4.00000200',
  askQty: '100.00000000',
  openPrice: '99.00000000',
  highPrice: '100.00000000',
  lowPrice: '0.10000000',
  volume: '8913.30000000',
  quoteVolume: '15.30000000',
  openTime: closeTime - 86_400_000,
  closeTime,
  firstId: 28385,
  lastId: 28460,
  count: 76,
});

/** Polygon `/v2/aggs/ticker/{t}/prev`. */
export const polygonPrev = (ticker: string, c: number, t: number) => ({
  ticker,
  queryCount: 1,
  resultsCount: 1,
  adjusted: true,
  results: [{ T: ticker, v: 70790813, vw: 131.6292, o: c - 2, c, h: c + 1, l: c - 3, t, n: 645365 }],
  status: 'OK',
  request_id: '6a7e466379af0a71039d60cc78e72282',
  count: 1,
});

/** Polygon `/v3/reference/tickers/{t}`. */
export const polygonTicker = (ticker: string, name: string) => ({
  request_id: '31d59dda-80e5-4721-8496-d0d32a654afe',
  results: {
    ticker,
    name,
    market: 'stocks',
    locale: 'us',
    primary_exchange: 'XNAS',
    type: 'CS',
    active: true,
    currency_name: 'usd',
    cik: '0000320193',
    market_cap: 2771126040150,
    phone_number: '(408) 996-1010',
    description: `${name} designs consumer electronics.`,
    sic_description: 'ELECTRONIC COMPUTERS',
    homepage_url: 'https://www.apple.com',
    total_employees: 154000,
    list_date: '1980-12-12',
    branding: { logo_url: 'https://api.polygon.io/v1/reference/company-branding/logo.svg' },
    share_class_shares_outstanding: 16406400000,
    weighted_shares_outstanding: 16334371000,
  },
  status: 'OK',
});

/** Polygon `/v2/reference/news` result. */
export const polygonArticle = (id: string, published: string, tickers: string[], title: string) => ({
  id,
  publisher: { name: 'The Motley Fool', homepage_url: 'https://www.fool.com/' },
  title,
  author: 'Author',
  published_utc: published,
  article_url: `https://www.fool.com/${id}`,
  tickers,
  image_url: `https://g.foolcdn.com/${id}.jpg`,
  description: `${title}: description`,
  keywords: ['investing'],
});

/** Alpha Vantage `GLOBAL_QUOTE`. */
export const avGlobalQuote = (symbol: string, price: string, day: string) => ({
  'Global Quote': {
    '01. symbol': symbol,
    '02. open': '187.1500',
    '03. high': '188.4400',
    '04. low': '183.8850',
    '05. price': price,
    '06. volume': '82488674',
    '07. latest trading day': day,
    '08. previous close': '185.6400',
    '09. change': '-0.7000',
    '10. change percent': '-0.3771%',
  },
});

/** Alpha Vantage `OVERVIEW`. */
export const avOverview = (symbol: string, name: string) => ({
  Symbol: symbol,
  AssetType: 'Common Stock',
  Name: name,
  Description: `${name} is a company.`,
  CIK: '51143',
  Exchange: 'NYSE',
  Currency: 'USD',
  Country: 'USA',
  Sector: 'TECHNOLOGY',
  Industry: 'COMPUTER & OFFICE EQUIPMENT',
  OfficialSite: 'https://www.ibm.com',
  MarketCapitalization: '153000000000',
  SharesOutstanding: '916000000',
});

/** Polygon `/v3/snapshot/options/{underlying}` result (implied_volatility a fraction). */
export const polygonOptionSnapshot = (
  underlying: string,
  price: number,
  exp: string,
  type: 'call' | 'put',
  strike: number,
) => ({
  break_even_price: type === 'call' ? strike + 5.1 : strike - 5.1,
  day: {
    change: 0.1,
    change_percent: 2,
    close: 5.1,
    high: 5.3,
    last_updated: 1767628800000000000,
    low: 4.9,
    open: 5,
    previous_close: 5,
    volume: 1200,
    vwap: 5.08,
  },
  details: {
    contract_type: type,
    exercise_style: 'american',
    expiration_date: exp,
    shares_per_contract: 100,
    strike_price: strike,
    ticker: `O:${underlying}${exp.replace(/-/g, '').slice(2)}${type === 'call' ? 'C' : 'P'}${String(strike * 1000).padStart(8, '0')}`,
  },
  greeks: { delta: type === 'call' ? 0.55 : -0.45, gamma: 0.03, theta: -0.05, vega: 0.2 },
  implied_volatility: 0.285,
  last_quote: {
    ask: 5.2,
    ask_size: 10,
    bid: 5.0,
    bid_size: 12,
    last_updated: 1767628800000000000,
    midpoint: 5.1,
    timeframe: 'REAL-TIME',
  },
  open_interest: 15000,
  underlying_asset: {
    change_to_break_even: 0.5,
    last_updated: 1767628800000000000,
    price,
    ticker: underlying,
    timeframe: 'REAL-TIME',
  },
});

/** Alpha Vantage `EARNINGS_CALENDAR` row (its CSV columns). */
export const avEarningsRow = (
  symbol: string,
  name: string,
  reportDate: string,
  fiscalDateEnding: string,
  estimate: string,
) => ({
  symbol,
  name,
  reportDate,
  fiscalDateEnding,
  estimate,
  currency: 'USD',
});

/** Alpha Vantage `HISTORICAL_OPTIONS` contract (every number a string; implied_volatility a fraction). */
export const avOptionContract = (symbol: string, exp: string, type: 'call' | 'put', strike: number, date: string) => ({
  contractID: `${symbol}${exp.replace(/-/g, '').slice(2)}${type === 'call' ? 'C' : 'P'}${String(strike * 1000).padStart(8, '0')}`,
  symbol,
  expiration: exp,
  strike: strike.toFixed(2),
  type,
  last: '5.10',
  mark: '5.10',
  bid: '5.00',
  bid_size: '12',
  ask: '5.20',
  ask_size: '10',
  volume: '1200',
  open_interest: '15000',
  date,
  implied_volatility: '0.28500',
  delta: type === 'call' ? '0.55000' : '-0.45000',
  gamma: '0.03000',
  theta: '-0.05000',
  vega: '0.20000',
  rho: '0.01000',
});
