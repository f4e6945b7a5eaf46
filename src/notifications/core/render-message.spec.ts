import Mustache from 'mustache';
import { formatNumber, MAX_MESSAGE_CHARS, renderMessage, templateProblem } from './render-message.js';

const view = {
  symbol: 'BTCUSDT',
  timeframe: '15m',
  provider: 'binance',
  jobName: 'btc-rsi',
  bar: {
    openTime: '2026-01-05T14:00:00.000Z',
    closeTime: '2026-01-05T14:14:59.999Z',
    open: 27200,
    high: 27250,
    low: 27100,
    close: 27123.456789,
    volume: 0,
  },
  values: { rsi_14: 28.700000000001, macd_12_26_9_signal: -0.1 + 0.3, ema_20: null as number | null },
};

describe('renderMessage', () => {
  it('renders the contract example with §4a keys and numbers without float noise', () => {
    const text = renderMessage(
      '{{symbol}} {{timeframe}}: RSI {{values.rsi_14}} crossed below 30 at {{bar.close}}',
      view,
    );
    expect(text).toBe('BTCUSDT 15m: RSI 28.7 crossed below 30 at 27123.457');
    expect(renderMessage('{{values.macd_12_26_9_signal}}', view)).toBe('0.2');
  });

  it('does not HTML-escape: chat text keeps <, > and & as typed, in {{x}}, {{{x}}} and {{&x}} alike', () => {
    const v = { jobName: 'a<b> & "c"', n: 0.1 + 0.2 };
    expect(renderMessage('{{jobName}}|{{{jobName}}}|{{&jobName}}', v)).toBe('a<b> & "c"|a<b> & "c"|a<b> & "c"');
    expect(renderMessage('{{n}} {{{n}}}', v)).toBe('0.3 0.3');
  });

  it('leaves the process-wide Mustache escaping alone', () => {
    renderMessage('{{x}}', { x: '<' });
    expect(Mustache.render('{{x}}', { x: '<' })).toBe('&lt;');
  });

  it('renders missing and null values empty, and sections by truthiness', () => {
    expect(renderMessage('[{{values.ema_20}}][{{nope.deeper}}]', view)).toBe('[][]');
    expect(
      renderMessage('{{#values.ema_20}}has ema{{/values.ema_20}}{{^values.ema_20}}no ema{{/values.ema_20}}', view),
    ).toBe('no ema');
    expect(renderMessage('{{#bar.volume}}v{{/bar.volume}}', view)).toBe('');
  });

  it('cannot run code: functions in the view are not called and templates have no expressions', () => {
    const tricky = { ...view, fn: () => 'ran', nested: { toString: () => 'ran' } };
    expect(
      renderMessage(
        '[{{constructor}}][{{constructor.constructor}}][{{__proto__}}][{{fn}}][{{hasOwnProperty}}][{{process.exit}}] {{symbol}}',
        tricky,
      ),
    ).toBe('[][][][][][] BTCUSDT');
  });

  it('sends a broken template as written rather than losing the notification, and reports it for validation', () => {
    expect(renderMessage('RSI {{#values}} unclosed', view)).toBe('RSI {{#values}} unclosed');
    expect(templateProblem('RSI {{#values}} unclosed')).toMatch(/Unclosed section/);
    expect(templateProblem('{{symbol}} ok')).toBeNull();
  });

  it('caps a runaway message', () => {
    const text = renderMessage('{{#items}}{{symbol}}{{/items}}', {
      items: Array.from({ length: 3000 }, () => ({ symbol: 'BTCUSDT' })),
    });
    expect(text.length).toBe(MAX_MESSAGE_CHARS);
    expect(text.endsWith('…')).toBe(true);
  });

  it('formats numbers to at most 8 significant digits', () => {
    expect([3, 0.1 + 0.2, 27123.456789, 0.000012345678, -1.5, 1e21].map(formatNumber)).toEqual([
      '3',
      '0.3',
      '27123.457',
      '0.000012345678',
      '-1.5',
      '1e+21',
    ]);
  });
});

describe('templateProblem (validation of notify.message)', () => {
  const roots = ['symbol', 'bar', 'values'];
  it('names a tag that is not a variable, such as a missing brace', () => {
    expect(templateProblem('price of {{symbol} is {{bar.close}}', roots)).toBe(
      '"{{symbol} is {{bar.close}}" at 9 is not a variable name (write {{name}} or {{bar.close}})',
    );
  });
  it('names a variable the view does not have, outside sections', () => {
    expect(templateProblem('{{symbl}} {{bar.close}}', roots)).toBe(
      '{{symbl}} at 0 is not a variable; the variables are symbol, bar, values',
    );
    expect(templateProblem('{{#values}}{{rsi_14}}{{/values}} {{values.rsi_14}}', roots)).toBeNull();
  });
});
