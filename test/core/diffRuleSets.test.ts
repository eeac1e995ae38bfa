import { describe, expect, it } from 'vitest';
import { compileRuleSet, diffRuleSets, formatRuleSetChange, InputError, type RuleSet, RuleSetError } from '../../src/index.js';
import type { DiffLocaleMessages } from '../../src/core/governance/diffLocaleMessages.js';
import { diffMessages } from '../../src/core/governance/diffMessages.js';
import { seedRuleSet } from '../fixtures/seedRuleSet.js';

/** The seed's rule set, edited as an admin would in the rule form. */
function edited(edit: (ruleSet: RuleSet) => void): RuleSet {
  const copy = structuredClone(seedRuleSet());
  edit(copy);
  return copy;
}

const rule = (ruleSet: RuleSet, id: string) => ruleSet.rules.find((candidate) => candidate.id === id)!;

/** The changes as `[code, path, English, Chinese]`, which is what an admin reads and a UI keys on. */
function changes(after: RuleSet): [string, string, string, string][] {
  const en = diffRuleSets(seedRuleSet(), after);
  const zh = diffRuleSets(seedRuleSet(), after, { locale: 'zh-CN' });
  expect(zh.map(({ message: _, ...data }) => data)).toEqual(en.map(({ message: _, ...data }) => data));
  return en.map((change, index) => [change.code, change.path.join('.'), change.message, zh[index]!.message]);
}

describe('diffRuleSets on the seed rule set', () => {
  it('says a rule was disabled (停用)', () => {
    expect(changes(edited((rs) => {
      rule(rs, 'vip').enabled = false;
    }))).toEqual([
      ['rule_disabled', 'rules.1.enabled', 'Rule "VIP customers" (vip): disabled (paused)', '规则“VIP customers”（vip）：停用'],
    ]);
  });

  it('says a weight changed (按比例分配)', () => {
    const after = edited((rs) => {
      rule(rs, 'vip').agents[1]!.weight = 2;
    });
    expect(changes(after)).toEqual([
      ['weight_changed', 'rules.1.agents.1.weight', 'Rule "VIP customers" (vip): weight of han-meimei: 1 → 2', '规则“VIP customers”（vip）：han-meimei 的分配比例：1 → 2'],
    ]);
    expect(diffRuleSets(seedRuleSet(), after)[0]!.params).toEqual({ rule: 'VIP customers', participant: 'han-meimei', group: false, from: 1, to: 2 });
  });

  it('says a participant was added, with its weight, and a skill group by its condition', () => {
    const after = edited((rs) => {
      rule(rs, 'vip').agents.push({ id: 'zhang-san', weight: 3 });
      rule(rs, 'beijing').agents.push({ where: "'zh' in agent.languages" });
    });
    expect(changes(after)).toEqual([
      ['participant_added', 'rules.1.agents.2', 'Rule "VIP customers" (vip): participant added: zhang-san (weight 3)', '规则“VIP customers”（vip）：新增参与分配人员：zhang-san（比例 3）'],
      [
        'participant_added',
        'rules.2.agents.2',
        `Rule "Beijing customers" (beijing): participant added: skill group where 'zh' in agent.languages`,
        `规则“Beijing customers”（beijing）：新增参与分配人员：技能组（'zh' in agent.languages）`,
      ],
    ]);
  });

  it('says a participant was removed, pointing at the participant list that remains', () => {
    expect(changes(edited((rs) => void rule(rs, 'beijing').agents.shift()))).toEqual([
      ['participant_removed', 'rules.2.agents', 'Rule "Beijing customers" (beijing): participant removed: zhang-san', '规则“Beijing customers”（beijing）：移除参与分配人员：zhang-san'],
    ]);
  });

  it('says a schedule moved (适用时间): only the parts that changed, with the defaults written out', () => {
    const after = edited((rs) => {
      rule(rs, 'holiday').schedule!.dates = [{ from: '2026-10-02', to: '2026-10-08' }];
    });
    expect(changes(after)).toEqual([
      [
        'schedule_changed',
        'rules.0.schedule',
        'Rule "National Day duty" (holiday): schedule: dates 2026-10-01 to 2026-10-07 → 2026-10-02 to 2026-10-08',
        '规则“National Day duty”（holiday）：适用时间：指定日期 2026-10-01 至 2026-10-07 → 2026-10-02 至 2026-10-08',
      ],
    ]);
    const weekdays = edited((rs) => {
      rule(rs, 'beijing').schedule = { weekdays: [6, 7], hours: [{ from: '09:00', to: '17:00' }] };
    });
    expect(diffRuleSets(seedRuleSet(), weekdays)[0]!.params).toMatchObject({
      from: { weekdays: [1, 2, 3, 4, 5], hours: [{ from: '08:00', to: '18:00' }], dates: null, timeZone: null },
      to: { weekdays: [6, 7], hours: [{ from: '09:00', to: '17:00' }], exceptDates: [] },
    });
    const added = edited((rs) => {
      rs.defaultRule!.schedule = { timeZone: 'Europe/Berlin' };
    });
    expect(changes(added)[0]!.slice(2)).toEqual([
      'Default rule "Everyone else": schedule: always → Mon–Fri 08:00–18:00 (Europe/Berlin)',
      '默认规则“Everyone else”：适用时间：不限时间 → 周一至周五 08:00–18:00（时区 Europe/Berlin）',
    ]);
    expect(changes(weekdays)[0]!.slice(2)).toEqual([
      'Rule "Beijing customers" (beijing): schedule: days Mon–Fri → Sat, Sun; hours 08:00–18:00 → 09:00–17:00; except 2026-10-01 to 2026-10-07 → none',
      '规则“Beijing customers”（beijing）：适用时间：星期 周一至周五 → 周六、周日；时段 08:00–18:00 → 09:00–17:00；除外日期 2026-10-01 至 2026-10-07 → 无',
    ]);
  });

  it("says an order changed (分配顺序规则) in the seed's words", () => {
    const after = edited((rs) => {
      rule(rs, 'beijing').order = { by: 'fewestAssigned', period: 'week' };
    });
    expect(changes(after)).toEqual([
      [
        'order_changed',
        'rules.2.order',
        'Rule "Beijing customers" (beijing): order: fewest in care → fewest assigned this week',
        '规则“Beijing customers”（beijing）：分配顺序规则：以处理中事务数量少的人员优先分配 → 以【当周】分配事务数量少的人员优先分配',
      ],
    ]);
  });

  it('says which rule moved when rules are reordered, not every rule that shifted', () => {
    const after = edited((rs) => void rs.rules.unshift(rs.rules.pop()!));
    expect(changes(after)).toEqual([
      ['rule_moved', 'rules.0', 'Rule "Beijing customers" (beijing): moved from position 3 to 1', '规则“Beijing customers”（beijing）：从第 3 条移到第 1 条'],
    ]);
  });

  it('does not call the rules after an added one moved', () => {
    const after = edited((rs) =>
      rs.rules.unshift({ id: 'new', name: 'Shanghai', enabled: true, when: "region == '上海'", agents: [{ id: 'li-si' }], order: { by: 'roundRobin' } }),
    );
    expect(changes(after)).toEqual([['rule_added', 'rules.0', 'Rule "Shanghai" (new): added at position 1', '规则“Shanghai”（new）：新增，位于第 1 条']]);
  });

  it('says a rule was removed, with its path in the old rule set', () => {
    expect(changes(edited((rs) => void rs.rules.splice(1, 1)))).toEqual([
      ['rule_removed', 'rules.1', 'Rule "VIP customers" (vip): removed (was at position 2)', '规则“VIP customers”（vip）：删除（原第 2 条）'],
    ]);
  });

  it('says when a condition (适用条件) was changed or removed, and a rename', () => {
    const after = edited((rs) => {
      rule(rs, 'beijing').when = "region == '上海'";
      rule(rs, 'beijing').name = 'Shanghai customers';
      delete rule(rs, 'vip').when;
    });
    expect(changes(after)).toEqual([
      ['condition_changed', 'rules.1', `Rule "VIP customers" (vip): condition: level >= 3 || 'vip' in tags → none (every subject)`, `规则“VIP customers”（vip）：适用条件：level >= 3 || 'vip' in tags → 无（全部适用）`],
      ['rule_renamed', 'rules.2.name', 'Rule "Shanghai customers" (beijing): renamed from "Beijing customers" to "Shanghai customers"', '规则“Shanghai customers”（beijing）：规则名称由“Beijing customers”改为“Shanghai customers”'],
      ['condition_changed', 'rules.2.when', `Rule "Shanghai customers" (beijing): condition: region == '北京' → region == '上海'`, `规则“Shanghai customers”（beijing）：适用条件：region == '北京' → region == '上海'`],
    ]);
  });

  it('words the settings, the waiting queue and the default rule in the seed terms', () => {
    const after = edited((rs) => {
      rs.settings.auto.agentConfirmation = true;
      rs.settings.auto.queue = { alertAfter: 'PT30M' };
      rs.defaultRule!.sticky = true;
      rs.defaultRule!.onNoAgent = 'stop';
    });
    expect(changes(after)).toEqual([
      ['setting_changed', 'settings.auto.agentConfirmation', 'Agent confirmation of automatic assignments: off → on', '自动分配的客服二次确认：停用 → 启用'],
      ['setting_changed', 'settings.auto.queue.alertAfter', 'Waiting-queue alert after: not set → "PT30M"', '等待队列的超时提醒：未设置 → “PT30M”'],
      ['sticky_changed', 'defaultRule.sticky', `Default rule "Everyone else": now prefers the subject's previous agent`, '默认规则“Everyone else”：优先分配给原专属客服'],
      ['on_no_agent_changed', 'defaultRule.onNoAgent', 'Default rule "Everyone else": when no participant is eligible: stops (the subject stays without an agent)', '默认规则“Everyone else”：无可分配人员时：停止分配，客户暂无专属客服'],
    ]);
  });

  it('words the zone, the fields, eligibility and the removal of the default rule', () => {
    const after = edited((rs) => {
      rs.timeZone = 'Europe/Berlin';
      rs.fields = { region: 'string', level: 'number', tags: 'string[]', source: 'string' };
      rule(rs, 'vip').eligibility = { presence: ['online'], maxAssigned: { day: 20 } };
      rs.defaultRule = null;
    });
    expect(changes(after).map(([code, path, en]) => [code, path, en])).toEqual([
      ['time_zone_changed', 'timeZone', 'Time zone: Asia/Shanghai → Europe/Berlin'],
      ['field_added', 'fields.source', 'Field "source" declared (string)'],
      ['presence_changed', 'rules.1.eligibility.presence', 'Rule "VIP customers" (vip): allowed presences: any → online'],
      ['max_assigned_changed', 'rules.1.eligibility.maxAssigned.day', 'Rule "VIP customers" (vip): cap on automatic assignments today: none → 20'],
      ['default_rule_removed', 'defaultRule', 'Default rule "Everyone else": removed: subjects no rule applies to stay without an agent'],
    ]);
  });

  it('treats a default written out as the same rule set', () => {
    const after = edited((rs) => {
      rule(rs, 'beijing').sticky = false;
      rule(rs, 'beijing').appliesTo = 'any';
      rule(rs, 'holiday').agents[0]!.weight = 1;
      rs.weekStartsOn = 1;
    });
    expect(diffRuleSets(seedRuleSet(), after)).toEqual([]);
  });

  it('accepts compiled rule sets and rewords a change in another language later', () => {
    const after = edited((rs) => {
      rule(rs, 'vip').enabled = false;
    });
    const [change] = diffRuleSets(compileRuleSet(seedRuleSet()), compileRuleSet(after));
    expect(formatRuleSetChange(change!, 'zh-CN')).toBe('规则“VIP customers”（vip）：停用');
  });

  it('refuses an invalid rule set with its issues under before or after, and an unknown locale', () => {
    const broken = { ...seedRuleSet(), timeZone: 'Asia/Shangai' };
    const thrown = (() => {
      try {
        diffRuleSets(seedRuleSet(), broken);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(thrown).toBeInstanceOf(RuleSetError);
    expect((thrown as RuleSetError).issues.map((issue) => issue.path)).toEqual([['after', 'timeZone']]);
    expect((thrown as RuleSetError).message).toContain('after.timeZone');
    expect(() => diffRuleSets(null as unknown as RuleSet, seedRuleSet())).toThrow(RuleSetError);
    expect(() => diffRuleSets(seedRuleSet(), seedRuleSet(), { locale: 'fr' as 'en' })).toThrow(InputError);
    expect(() => diffRuleSets(seedRuleSet(), seedRuleSet(), { lang: 'zh-CN' } as never)).toThrow(/options\.lang/);
  });

  it('words every code in every locale: a locale missing one fails to compile', () => {
    const { rule_moved: _, ...withoutOne } = diffMessages.en.changes;
    // @ts-expect-error rule_moved has no wording
    const incomplete: DiffLocaleMessages['changes'] = withoutOne;
    expect(Object.keys(incomplete)).not.toContain('rule_moved');
    expect(Object.keys(diffMessages['zh-CN'].changes).sort()).toEqual(Object.keys(diffMessages.en.changes).sort());
  });
});
