import { formatIssues } from '../../index.js';
import type { CliMessages, WaitingWords } from './cliMessages.js';

const HOPELESS = '（其参与分配人员都不存在：此规则永远无法分配）';
const ruleLabel = (rule: string | null): string => (rule === null ? '默认规则' : `规则“${rule}”`);

const FILE_PROBLEMS: Record<string, string> = { no_such_file: '文件不存在', is_directory: '这是一个目录', permission_denied: '没有权限' };
const FILE_WORDS = { rule_set: '规则集', customer_file: '客户文件', agents_file: '客服文件', customers_file: '客户列表文件' };

/** The waiting queue's words, shared by the simulation's text and its report. */
const WAITING: WaitingWords = {
  title: (tag) => `等待分配${tag}：从创建到分配；无人可分配的客户在等待队列中等待（p50、p95 按最近秩）`,
  columns: ['规则', '名称', '客户数', '曾等待', 'p50', 'p95', '最长'],
  allAssigned: ['（全部）', '所有已分配的客户'],
  neverAssigned: ['（无）', '等待后始终未分配（直到服务或回放结束）'],
  queueLine: (longest, at, atEnd) => `队列：最长 ${longest}${at === null ? '' : `（${at}）`}；结束时仍在等待：${atEnd}`,
  perDay: (days) => `每日最长队列：${days}`,
  heading: '等待分配',
  caption: (longest) => [
    '等待队列长度（每小时最长）',
    `${longest === null ? '' : `（最长：${longest}）`}。无人可分配的客户按优先级、再按等待时长排队，直到有客服上班、规则进入适用时间或有客户的服务结束。`,
  ],
  note: '从创建到分配（到达即分配记为 0）；p50 与 p95 按最近秩计算。',

};

/**
 * The CLI's texts in 简体中文.
 *
 * @example
 * ```ts
 * cliZhCN.problem.bad_format({ value: 'xml' }); // '--format 只能是 "text" 或 "json"，收到 "xml"'
 * ```
 */
export const cliZhCN: CliMessages = {
  locale: 'zh-CN',
  problem: {
    two_rule_set_files: ({ count }) => `需要两个规则集文件，收到 ${count} 个：dedicated-agent diff <old.json> <new.json>`,
    takes_no_file: ({ command, value }) => `${command} 不接受文件参数，收到 "${value}"`,
    one_database: () => '请只给出 --database <url> 与 --pglite <dir> 之一',
    needs_name: ({ option }) => `${option} 需要一个名称`,
    to_before_from: () => '--to 早于 --from',
    bad_time_zone: ({ option, value }) => `${option} 必须是 IANA 时区（如 Asia/Shanghai），收到 "${value}"`,
    old_schema: ({ source, schema, version }) =>
      `${source}：schema "${schema}" 的版本为 ${version}，尚无统计功能；请先升级（createPostgresStore(…).migrate()）。`,
    unknown_command: ({ command, suggestion }) =>
      `未知命令 ${JSON.stringify(command)}${suggestion === null ? '' : `，你是不是想用 "${suggestion}"？`}`,
    unknown_option: ({ option, suggestion }) => `未知选项 ${option}${suggestion === null ? '' : `，你是不是想用 --${suggestion}？`}`,
    takes_no_value: ({ option }) => `${option} 不接受值`,
    needs_value: ({ option, given, inline }) =>
      `${option} 需要一个值${given === null ? '' : `（收到的是选项 ${JSON.stringify(given)}；如果这就是值，请写成 ${inline}）`}`,
    bad_arguments: ({ detail }) => `参数有误：${detail}`,
    bad_format: ({ value }) => `--format 只能是 "text" 或 "json"，收到 "${value}"`,
    bad_lang: ({ value }) => `--lang 只能是 "zh-CN" 或 "en"，收到 ${JSON.stringify(value)}`,
    missing_rule_set_file: ({ command }) =>
      command === 'validate' ? '缺少规则集文件：dedicated-agent validate <rules.json>' : '缺少规则集文件',
    one_rule_set_file: ({ command }) =>
      command === 'simulate' ? 'simulate 只接受一个规则集文件（第二个请用 --compare）' : `${command} 只接受一个规则集文件`,
    missing_option: ({ option }) => `缺少 ${option}`,
    missing_at: ({ file }) => `缺少 --at <时间>（${file} 中也没有 createdAt）`,
    bad_changes: ({ value }) => `--changes 必须是整数，收到 "${value}"`,
    init_one_directory: ({ count }) => `init 只接受一个目录，收到 ${count} 个`,
    init_files_exist: ({ files, dir }) =>
      `${dir === null ? '当前目录' : `"${dir}"`}中已有 ${files.join('、')}；未写入任何文件（--force 可覆盖）`,
    no_usable_customer: ({ file, badLines, list }) => `${file}：没有可用的客户，${badLines.toLocaleString('en-US')} 行无效：\n${list}`,
    cannot_write: ({ what, path, reason }) => `无法写入${what === 'report' ? '报告' : '示例文件到'} "${path}"：${reason}`,
    cannot_read: ({ what, path, problem }) => `无法读取${FILE_WORDS[what]} "${path}"：${FILE_PROBLEMS[problem] ?? problem}`,
    invalid_json: ({ where, reason }) => `${where}：JSON 格式错误：${reason}`,
    invalid_rule_set: ({ path, issues }) =>
      `${path}：规则集无效，共 ${issues.length} 个问题（运行 "dedicated-agent validate ${path} --lang zh-CN" 查看）：\n${formatIssues(issues, { locale: 'zh-CN' })}`,
    missing_customers_file: () => '缺少客户文件：dedicated-agent import <customers.jsonl>',
    one_customers_file: ({ count }) => `import 只接受一个客户文件，实际给出 ${count} 个`,
    bad_whole_number: ({ option, value }) => `${option} 必须是不小于 1 的整数，实际为 "${value}"`,
    needs_package: ({ option, name }) => `${option} 需要安装 "${name}" 包：npm install ${name}`,
    no_stored_rule_set: () => '存储中还没有规则集：请给出 --rules <rules.json>，或先用 svc.saveRuleSet 保存规则集',
    not_a_subject_line: ({ where }) => `${where}：应为 JSON 对象 { "id", "kind"?, "fields"? }`,
    input: ({ where, detail }) => (where === null ? `输入有误：${detail}` : `${where}：输入有误：${detail}`),
  },
  seeHelp: (command) => `运行 "dedicated-agent ${command === null ? '' : `${command} `}--help" 查看用法。`,
  errorPrefix: '错误：',
  warningPrefix: '警告：',
  help: `用法：dedicated-agent <命令> [选项]

在保存专属客服分配规则之前，检查、解释并试运行规则集。

命令：
  init [目录]             写入示例规则集、客服名单和 1,000 个客户，并给出可以试的命令
  validate <rules.json>   检查规则集：列出每个问题及其位置，表达式错误处标出 ^
  explain <rules.json>    在某一时刻为一个客户做分配决定，并逐条规则解释原因
  simulate <rules.json>   回放一批新客户，显示分配结果的分布，
                          可与第二个规则集对比，并生成 HTML 报告
  diff <old.json> <new.json>
                          逐条规则列出两个规则集之间的变更
  report                  PostgreSQL 或 PGlite 存储中某段时间内分配记录的统计（分配报表），
                          输出文本、JSON 或 HTML 报告
  import <customers.jsonl>
                          通过 PostgreSQL 或 PGlite 存储批量导入客户并自动分配（导入客户），
                          中断后可续传

选项：
  --lang <zh-CN|en>       输出语言（默认取自 LC_ALL 或 LANG，否则为 en）
  -V, --version           显示版本
  -h, --help              显示本帮助

运行 "dedicated-agent <命令> --help" 查看命令的选项（英文），
运行 "dedicated-agent init demo" 生成可以试用的文件。

退出码：0 成功；1 规则集无效（validate）、跳过了客户行（simulate）或两个规则集不同（diff）；2 输入不可用或用法错误。
`,
  decisionAt: (local, timeZone, iso) => `分配决定时间 ${local} ${timeZone}（${iso}）`,
  validRuleSet: (path, rules, hasDefaultRule, timeZone) =>
    `${path}：规则集有效（${rules} 条规则，${hasDefaultRule ? '有默认规则' : '无默认规则'}，时区 ${timeZone}）`,
  invalidRuleSet: (path, issues) => `${path}：规则集无效，共 ${issues} 个问题：`,
  init: {
    wrote: (dir) => `已写入示例项目${dir === null ? '' : `到 ${dir}`}：`,
    rulesSummary: (rules, timeZone) => `${rules} 条规则和一条默认规则，时区 ${timeZone}：节假日值班、VIP 按比例 2:2:1、北京、上班时间`,
    agentsSummary: (agents) => `${agents} 位客服`,
    customerSummary: '一位北京的 VIP 客户，用于 explain',
    customersSummary: (customers) => `2026 年 10 月创建的 ${customers} 个客户`,
    tryThese: '试试：',
  },
  warning: {
    unknownAgents: (source, rule, agents, hopeless) =>
      `${source}：${ruleLabel(rule)}中的参与分配人员不在客服文件中：${agents.join('、')}${hopeless ? HOPELESS : ''}`,
    selectorMatchesNone: (source, rule, index, hopeless) =>
      `${source}：${ruleLabel(rule)}：选择器 agents[${index}] 没有匹配到客服文件中的任何客服${hopeless ? HOPELESS : ''}`,
    neverOnShift: (source, rule, agent, via, days, from) =>
      `${source}：${ruleLabel(rule)}：客服 ${agent}${via === null ? '' : `（由 agents[${via}] 选入）`}在 ${from} 起的 ${days} 天内，规则适用时间内从不在班`,
    onLeaveThroughout: (source, agent, days, from, rules) =>
      `${source}：客服 ${agent} 在 ${from} 起的 ${days} 天内全程休假（${rules.map(ruleLabel).join('、')}）`,
  },
  simulation: {
  waiting: WAITING,
    reason: {
      auto_disabled: '未启用自动分配',
      already_assigned: '已有专属客服',
      pending_exists: '已有待处理的分配',
      no_rule_applies: '没有适用的规则',
      outside_schedule: '满足条件的规则都不在适用时间内',
      no_eligible_agent: '没有可分配的客服',
    },
    noCustomers: '没有客户',
    span: (customers, from, to, timeZone) => `${from} – ${to}（${timeZone}）创建的 ${customers} 个客户`,
    simulated: (span) => `模拟了${span}`,
    scenario: (label, assigned, percent, onRetry, notAssigned) =>
      `${label}：已分配 ${assigned}（${percent}）${onRetry === null ? '' : `，其中 ${onRetry} 个在 retryAt 重试时分配`}；未分配 ${notAssigned}`,
    nobodyAssigned: '没有分配给任何人',
    deviation: (agent, share, target, points, relative) =>
      `${agent} 分得 ${share}，目标 ${target}（${points}${relative === null ? '' : `，比公平值${relative.more ? '多' : '少'} ${relative.percent}`}）`,
    agent: '客服',
    agentColumns: (tag) => (tag === null ? ['已分配', '占比', '目标', '偏差', '在班'] : [`${tag} 已分配`, '占比', '目标', '偏差', '在班']),
    perAgent: '按客服（占已分配客户的比例；目标 = 该客服参与的规则按比例分配应得的份额；在班 = 从第一个到最后一个客户之间在班且未休假的小时数）',
    largestDeviation: (tag, sentence) => `与公平分配的最大偏差${tag === null ? '' : `（${tag}）`}：${sentence}`,
    notAssignedByReason: '未分配，按原因',
    everyoneAssigned: '  每个客户在创建时都已分配',
    reasonColumn: '原因',
    unassignedColumns: (tag, retry) => {
      const t = tag === null ? '' : `${tag} `;
      return retry ? [`${t}创建时`, `${t}重试时分配`, `${t}最终`] : [`${t}数量`];
    },
    stillNotAssigned: (label, still, retried, why) => `${label === null ? '' : `${label}：`}重试的 ${retried} 个客户中仍有 ${still} 个未分配（${why}）。`,
    ruleColumns: (tag) => (tag === null ? ['已分配', '占比', '有分配的人员'] : [`${tag} 已分配`, '占比', '有分配的人员']),
    rule: '规则',
    name: '名称',
    byRule: '按规则（有分配的人员 = 从该规则分到至少一个客户的参与分配人员）',
    unassigned: '（未分配）',
    changeHands: (count, percent) => `从 A 换到 B 后会更换专属客服的客户：${count}（${percent}）`,
    ruleChanges: (count) => `规则变更（A → B）：${count ?? '无，两套规则含义相同'}`,
    firstChanges: (count) => `前 ${count} 个：`,
    frequentMoves: '最常见的变更：',
    badLinesSkipped: (file, badLines, customers) =>
      `${file}：跳过了 ${badLines.toLocaleString('en-US')} 行无效数据；结果只包含其余 ${customers.toLocaleString('en-US')} 个客户：`,
    duplicateIds: (file, lines) => `${file}：有 ${lines.toLocaleString('en-US')} 行与前面某行的 id 重复（每行都按新客户模拟）：`,
    sortingInMemory: (problem) => `${problem}；改为在内存中排序客户`,
    reportWritten: (path) => `报告已写入 ${path}`,
  },
  report: {
  waiting: WAITING,
    htmlLang: 'zh-CN',
    title: (labels) => `分配模拟：${labels.join(' 对比 ')}`,
    ruleSetTag: '规则集 ',
    sources: (customers) => [`${customers} 个客户，来自 `, '，客服来自 ', '。'],
    noCustomers: '没有客户',
    customersCreated: (span, retry) => `客户创建于 ${span}。因不在适用时间内而未分配的客户在开放时重试：${retry ? '开' : '关'}。`,
    cards: {
      replayed: '回放的客户',
      assigned: (percent) => `已分配（${percent}）`,
      onRetry: '在 retryAt 重试时分配',
      notAssigned: '最终未分配',
      largestDeviation: '与公平分配的最大偏差',
    },
    fairTarget: '公平目标',
    shareCaption: [
      '各客服的分配占比与目标。',
      '每位客服一条，按分配客户的规则着色；黑色标记是公平目标——该客服参与的规则按比例分配应得的份额。红色数字：偏离目标超过 10%。',
    ],
    dailyCaption: (timeZone) => ['每日分配数，按规则', `（按 ${timeZone} 的日期；周末有底色）。`],
    heatmapCaption: ['每位客服每日的分配数。', '颜色越深越多；鼠标悬停可看数字。'],
    hourlyCaption: (retry) => [
      '创建时未分配的客户，按小时和原因。',
      `因满足条件的规则都不在适用时间内而未分配的客户，会在规则下次开放时重试${retry ? '' : '（本次未启用重试）'}。`,
    ],
    agentsHeading: '客服：分配数与在班时长',
    agentsNote: '在班：从第一个到最后一个客户之间，在班且未休假的小时数（没有排班和休假的客服按整个时段计）。',
    rulesHeading: '规则：各自分配了多少',
    notAssignedByReason: '未分配，按原因',
    reasonColumns: ['原因', '创建时', '重试时分配', '最终'],
    ruleColumns: ['规则', '名称', '已分配', '占比', '有分配的人员', '备注'],
    neverServed: (ids) => `从未分到：${ids}`,
    weights: (list) => `分配比例 ${list}`,
    agentColumns: ['客服', '在班（小时）', '已分配', '每在班小时'],
    unassigned: '（未分配）',
    changesHeading: 'A → B：会更换专属客服的客户',
    ruleChangesHeading: 'A → B：规则有哪些变更',
    noRuleChange: '无变更：两套规则含义相同。',
    changeHands: (percent) => `个客户更换专属客服（${percent}）`,
    summaryRows: ['已分配', '最终未分配', '与公平分配的最大偏差'],
    frequentMoves: '最常见的变更',
    moveColumns: ['A 下的客服', 'B 下的客服', '客户数'],
    firstChanges: '最先更换专属客服的客户',
    sampleColumns: ['客户', 'A 下', 'B 下'],
    footer: (at) => ['由 ', ` 生成于 ${at}。每个客户都在其创建时刻用 createAssigner 决定，适用时间、节假日、统计周期和容量都与生产环境一致。`],
    shareAxis: '占比 · 目标',
    everyoneAssigned: '每个客户在创建时都已分配。',
  },
  stats: {
    ruleSetChanges: {
      heading: (count) => `本期间规则集变更 ${count} 次`,
      line: (at, actor, revision, note) => `${at}  ${actor} 保存了规则集 ${revision}${note === null ? '' : `（${note}）`}`,
    },
    htmlLang: 'zh-CN',
    noSchema: (source, schema) => `${source} 中没有 dedicated-agent 的 schema "${schema}"：没有分配记录，无可报表。`,
    noRecords: (from, to, source) => `${source} 中没有 ${from} 至 ${to} 创建的分配记录。`,
    title: (from, to) => `分配报表，${from} – ${to}`,
    summary: (records, agents, timeZone) => `${records} 条分配记录，${agents} 位专属客服（日期与小时按 ${timeZone}）`,
    source: ['；数据来自 ', '。'],
    agentsHeading: '按客服',
    rulesHeading: '按规则：自动分配的实际占比与分配比例要求的占比',
    daysHeading: '每日分配记录',
    hoursHeading: '一天中每小时的分配记录',
    reportWritten: (path) => `报表已写入 ${path}`,
    unknownRule: '（不在规则集中）',
    points: (value) => `${value} 个百分点`,
    ruleLine: (id, name, assignments, deviation) => `${id} ${name}：${assignments} 次，最大偏差 ${deviation}`,
    shareOf: (share, target) => `${share}（目标 ${target}）`,
    agentColumns: ['客服', '自动分配', '管理员手动分配', '业务申请分配', '服务中', '已拒绝', '已过期', '已取消', '审批未通过', '确认率', '客服二次确认 中位/p90', '客服管理员审批 中位/p90'],
    pageAgentColumns: ['客服', '自动分配', '管理员手动分配', '业务申请分配', '服务中', '已拒绝', '已过期', '已取消', '审批未通过', '确认率', '客服二次确认用时（中位 / p90）', '客服管理员审批用时（中位 / p90）'],
    outcomes: '结果',
    outcomeLegend: ['已生效或已结束', '待处理', '客服已拒绝', '已过期', '已取消或审批未通过'],
    dayColumns: ['日期', '分配记录', '自动分配', '管理员手动分配', '业务申请分配'],
    hourColumns: ['小时', '分配记录'],
    ruleColumns: ['规则', '名称', '自动分配', '最大偏差', '实际占比（目标）'],
    fairTarget: '公平目标',
    shareCaption: ['每位客服的自动分配占比与目标。', '每位客服一根柱，按规则着色；黑色标记为公平目标，即各规则的分配比例在参与的客服之间要求的占比。'],
    dailyCaption: (timeZone) => ['每日分配记录，按类型', `（日期按 ${timeZone}；周末加阴影）。`],
    footer: (at) => ['由 ', ` 于 ${at} 根据窗口内已提交的分配记录生成。`],
    waiting: {
      heading: '未分配、等待中的客户，按原因',
      summary: (size, at) => (size === 0 ? `${at} 时没有等待中的客户。` : `${at} 时有 ${size.toLocaleString('en-US')} 位客户等待分配`),
      ages: (oldest, p50, p95) => `已等待：最久 ${oldest}，中位 ${p50}，p95 ${p95}`,
      reasonColumns: ['原因', '客户'],
      ruleColumns: ['未找到客服的规则', '客户'],
      noRule: '（未到达任何规则）',
    },
  },
  import: {
    label: '导入中',
    progress: (customers) => `${customers} 个客户`,
    imported: (customers, batches, seconds) => `已导入 ${customers} 个客户，共 ${batches} 批（${seconds} 秒）`,
    assigned: '自动分配',
    pendingConfirmation: '待客服二次确认',
    unassigned: '未分配',
    queued: '其中进入等待队列',
    repeated: (count) => `重复（此前已导入，未写入）：${count}`,
    stopped: (committed) => `此前的 ${committed} 个客户已导入；排除问题后再次运行同一命令即可继续`,
  },
};
