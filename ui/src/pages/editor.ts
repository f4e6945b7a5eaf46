import { PRIORITIES, TRIGGERS } from '../../../src/alerts/core/alert-config.js';
import { TIMEFRAMES } from '../../../src/base/domain/timeframe.js';
import { api } from '../api.js';
import { errorBox, h, json, replace, time } from '../dom.js';
import { bodyOf } from '../job-body.js';
import { go, link, type Route } from '../router.js';
import {
  FORM_OPS,
  PERIOD_INDICATORS,
  PRICE_FIELDS,
  ruleForm,
  ruleOf,
  type OperandForm,
  type RuleForm,
} from '../rule-form.js';
import type { JobView, ValidateAnswer } from '../types.js';

type Body = Record<string, unknown> & { alert?: Record<string, unknown>; schedule?: Record<string, unknown> };

const NEW_ALERT: Body = {
  name: '',
  type: 'alert',
  schedule: { bar: '15m', delaySeconds: 2 },
  alert: {
    symbol: 'BTCUSDT',
    provider: 'binance',
    timeframe: '15m',
    rule: { crossesBelow: [{ indicator: 'rsi', params: { period: 14 } }, { value: 30 }] },
    trigger: 'oncePerBarClose',
    rearm: { cooldownSeconds: 0 },
    lookbackBars: 300,
    notify: { channels: ['telegram'], priority: 'normal' },
  },
};

const select = (name: string, options: readonly string[], testid = name) =>
  h(
    'select',
    { name, 'data-testid': `f-${testid}` },
    options.map((o) => h('option', { value: o }, o || 'default')),
  );
const input = (name: string, type = 'text', extra: Record<string, string | number> = {}) =>
  h('input', { name, type, 'data-testid': `f-${name.replace('.', '-')}`, ...extra });
const field = (label: string, control: HTMLElement) => h('label', null, h('span', null, label), control);

/** One operand's controls: kind, then indicator + period, field, or value. */
function operandControls(side: 'left' | 'right') {
  const kind = select(`${side}.kind`, ['indicator', 'field', 'value'], `${side}-kind`);
  const indicator = select(`${side}.indicator`, PERIOD_INDICATORS, `${side}-indicator`);
  const period = input(`${side}.period`, 'number', { min: 1, max: 1000, step: 1 });
  const fieldSel = select(`${side}.field`, PRICE_FIELDS, `${side}-field`);
  const value = input(`${side}.value`, 'number', { step: 'any' });
  const show = () => {
    indicator.hidden = period.hidden = kind.value !== 'indicator';
    fieldSel.hidden = kind.value !== 'field';
    value.hidden = kind.value !== 'value';
  };
  kind.addEventListener('change', show);
  return {
    el: h('span', { class: 'operand' }, kind, indicator, period, fieldSel, value),
    read: (): OperandForm => ({
      kind: kind.value as OperandForm['kind'],
      indicator: indicator.value,
      period: Number(period.value),
      field: fieldSel.value,
      value: Number(value.value),
    }),
    write: (f: OperandForm) => {
      kind.value = f.kind;
      indicator.value = f.indicator;
      period.value = String(f.period);
      fieldSel.value = f.field;
      value.value = String(f.value);
      show();
    },
    disable: (off: boolean) => [kind, indicator, period, fieldSel, value].forEach((c) => (c.disabled = off)),
  };
}

/**
 * Create or edit an alert: a form that builds the job's JSON, the JSON itself (visible, editable:
 * anything the form cannot express is written there), validated live by POST /jobs/validate with
 * the next 5 fire times. Other job types are edited as JSON.
 */
export async function editorPage(route: Route): Promise<Node> {
  const id = route.path[0] === 'jobs' ? route.path[1] : undefined;
  const existing = id ? await api<JobView>('GET', `/jobs/${id}`) : null;
  // The providers this deployment knows, from its configuration: the page carries no provider list of its own.
  const config = await api<{ providers: { settings: Record<string, unknown> } }>('GET', '/scheduler/config');
  let body: Body = existing ? (bodyOf(existing) as Body) : structuredClone(NEW_ALERT);
  const isAlert = () => body.type === 'alert';

  const left = operandControls('left');
  const right = operandControls('right');
  const op = select('op', FORM_OPS);
  const ruleNote = h('p', { class: 'muted', 'data-testid': 'rule-note' });
  const c = {
    name: input('name', 'text', { maxlength: 200, required: 'required' }),
    symbol: input('symbol'),
    provider: select('provider', ['', ...Object.keys(config.providers.settings)]),
    timeframe: select('timeframe', TIMEFRAMES),
    delaySeconds: input('delaySeconds', 'number', { min: 0, max: 300 }),
    trigger: select('trigger', TRIGGERS),
    cooldownSeconds: input('cooldownSeconds', 'number', { min: 0 }),
    lookbackBars: input('lookbackBars', 'number', { min: 1, max: 5000 }),
    channels: input('channels'),
    recipient: input('recipient'),
    priority: select('priority', PRIORITIES),
    message: h('textarea', { name: 'message', rows: 2, 'data-testid': 'f-message' }),
  };
  const text = h('textarea', { rows: 24, spellcheck: false, 'data-testid': 'job-json' });
  const status = h('div', { class: 'validation', 'data-testid': 'validation' });
  const problems = h('div');

  let validation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const validate = () => {
    clearTimeout(timer);
    status.dataset.state = 'checking';
    timer = setTimeout(async () => {
      const seq = ++validation;
      try {
        const answer = await api<ValidateAnswer>('POST', '/jobs/validate', body);
        if (seq !== validation) return;
        status.dataset.state = 'valid';
        replace(
          status,
          h('p', { class: 'ok' }, '✓ Valid. Next 5 fire times:'),
          h(
            'ol',
            { 'data-testid': 'next-runs' },
            answer.nextRuns.map((t) => h('li', null, time(t))),
          ),
        );
      } catch (e) {
        if (seq !== validation) return;
        status.dataset.state = 'invalid';
        replace(status, h('p', null, '✗ Not valid:'), errorBox(e, 'validation-errors'));
      }
    }, 250);
  };

  /** The form's fields from the body (where the body has them). */
  const fill = () => {
    const a = (body.alert ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const s = (body.schedule ?? {}) as Record<string, unknown>;
    c.name.value = String(body.name ?? '');
    c.symbol.value = String(a.symbol ?? '');
    c.provider.value = String(a.provider ?? '');
    c.timeframe.value = String(a.timeframe ?? s.bar ?? '15m');
    c.delaySeconds.value = String(s.delaySeconds ?? 2);
    c.trigger.value = String(a.trigger ?? 'oncePerBarClose');
    c.cooldownSeconds.value = String(a.rearm?.cooldownSeconds ?? 0);
    c.lookbackBars.value = String(a.lookbackBars ?? 300);
    c.channels.value = (a.notify?.channels ?? []).join(', ');
    c.recipient.value = String(a.notify?.recipient ?? '');
    c.priority.value = String(a.notify?.priority ?? 'normal');
    c.message.value = String(a.notify?.message ?? '');
    const rule = ruleForm(a.rule);
    if (rule) {
      op.value = rule.op;
      left.write(rule.left);
      right.write(rule.right);
    }
    [op].forEach((x) => (x.disabled = !rule));
    left.disable(!rule);
    right.disable(!rule);
    ruleNote.textContent = rule ? '' : 'This rule is more than the form shows: edit it in the JSON.';
  };

  /** The body from the form, keeping whatever the JSON has that the form does not show. */
  const fromForm = () => {
    const a = { ...(body.alert ?? {}) } as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    a.symbol = c.symbol.value.trim();
    if (c.provider.value) a.provider = c.provider.value;
    else delete a.provider;
    a.timeframe = c.timeframe.value;
    if (!op.disabled) a.rule = ruleOf({ op: op.value, left: left.read(), right: right.read() } as RuleForm);
    a.trigger = c.trigger.value;
    a.rearm = { ...(a.rearm ?? {}), cooldownSeconds: Number(c.cooldownSeconds.value) };
    a.lookbackBars = Number(c.lookbackBars.value);
    const notify: Record<string, unknown> = {
      ...(a.notify ?? {}),
      channels: c.channels.value
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      priority: c.priority.value,
    };
    for (const [k, v] of [
      ['recipient', c.recipient.value.trim()],
      ['message', c.message.value],
    ])
      if (v) notify[k] = v;
      else delete notify[k];
    a.notify = notify;
    const schedule = { ...(body.schedule ?? {}) } as Record<string, unknown>;
    if ('bar' in schedule || !existing) {
      delete schedule.cron;
      delete schedule.every;
      delete schedule.at;
      schedule.bar = c.timeframe.value;
      schedule.delaySeconds = Number(c.delaySeconds.value);
    }
    body = { ...body, name: c.name.value, type: 'alert', schedule, alert: a };
    text.value = json(body);
    replace(problems);
    validate();
  };

  const form = h(
    'form',
    {
      class: 'alert-form',
      'data-testid': 'alert-form',
      oninput: fromForm,
      onchange: fromForm,
      onsubmit: (e: Event) => e.preventDefault(),
    },
    h(
      'fieldset',
      null,
      h('legend', null, 'Alert'),
      field('Name', c.name),
      field('Symbol', c.symbol),
      field('Provider', c.provider),
      field('Timeframe', c.timeframe),
      field('Settle delay (s)', c.delaySeconds),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, 'Rule'),
      h('div', { class: 'rule' }, left.el, op, right.el),
      ruleNote,
      field('Trigger', c.trigger),
      field('Cooldown (s)', c.cooldownSeconds),
      field('Lookback bars', c.lookbackBars),
    ),
    h(
      'fieldset',
      null,
      h('legend', null, 'Notify'),
      field('Channels (comma separated)', c.channels),
      field('Recipient', c.recipient),
      field('Priority', c.priority),
      field('Message (mustache)', c.message),
    ),
  );
  text.addEventListener('input', () => {
    try {
      const parsed = JSON.parse(text.value) as unknown;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Body;
      if (isAlert()) fill();
      replace(problems);
      validate();
    } catch (e) {
      clearTimeout(timer);
      status.dataset.state = 'invalid';
      replace(status, errorBox(new Error(`The JSON does not parse: ${(e as Error).message}`), 'validation-errors'));
    }
  });
  const save = async () => {
    try {
      const saved = existing
        ? await api<JobView>('PUT', `/jobs/${existing.id}`, body)
        : await api<JobView>('POST', '/jobs', body);
      go(link.job(saved.id).slice(1));
    } catch (e) {
      replace(problems, errorBox(e, 'save-error'));
    }
  };

  text.value = json(body);
  if (isAlert()) fill();
  form.hidden = !isAlert();
  validate();
  return h(
    'div',
    { 'data-testid': 'editor' },
    h('h1', null, existing ? `Edit ${existing.name}` : 'New alert'),
    h(
      'div',
      { class: 'editor' },
      form,
      h(
        'section',
        { class: 'json' },
        h('h2', null, 'Job JSON'),
        text,
        status,
        problems,
        h(
          'button',
          { class: 'primary', 'data-testid': 'save', onclick: save },
          existing ? 'Save changes' : 'Create alert',
        ),
      ),
    ),
  );
}
