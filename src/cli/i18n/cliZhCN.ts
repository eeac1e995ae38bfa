import { formatIssues } from '../../index.js';
import type { CliMessages } from './cliMessages.js';

const FILE_PROBLEMS: Record<string, string> = { no_such_file: '文件不存在', is_directory: '这是一个目录', permission_denied: '没有权限' };
const FILE_WORDS = { rule_set: '规则集', customer_file: '客户文件', agents_file: '客服文件', customers_file: '客户列表文件' };

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
    cannot_read: ({ what, path, problem }) => `无法读取${FILE_WORDS[what]} "${path}"：${FILE_PROBLEMS[problem] ?? problem}`,
    invalid_json: ({ where, reason }) => `${where}：JSON 格式错误：${reason}`,
    invalid_rule_set: ({ path, issues }) =>
      `${path}：规则集无效，共 ${issues.length} 个问题（运行 "dedicated-agent validate ${path} --lang zh-CN" 查看）：\n${formatIssues(issues, { locale: 'zh-CN' })}`,
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

选项：
  --lang <zh-CN|en>       输出语言（默认取自 LC_ALL 或 LANG，否则为 en）
  -V, --version           显示版本
  -h, --help              显示本帮助

运行 "dedicated-agent <命令> --help" 查看命令的选项（英文），
运行 "dedicated-agent init demo" 生成可以试用的文件。

退出码：0 成功；1 规则集无效（validate）或跳过了客户行（simulate）；2 输入不可用或用法错误。
`,
  decisionAt: (local, timeZone, iso) => `分配决定时间 ${local} ${timeZone}（${iso}）`,
  validRuleSet: (path, rules, hasDefaultRule, timeZone) =>
    `${path}：规则集有效（${rules} 条规则，${hasDefaultRule ? '有默认规则' : '无默认规则'}，时区 ${timeZone}）`,
  invalidRuleSet: (path, issues) => `${path}：规则集无效，共 ${issues} 个问题：`,
};
