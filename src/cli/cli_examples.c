/* cli_examples.c — see include/jz/cli.h (jz_cli_examples): the examples every tool's --help
 * ends with. Each is a command of the tool's man page EXAMPLES, where its output is shown;
 * tests/help-man.py checks that, and tests/man-examples.py runs them there. */
#include "jz/cli.h"
#include "jz/i18n.h"

#include <string.h>

typedef struct examples {
    const char *prog;
    const char *where;  /* N_(): where the examples run */
    const char *lines;  /* one command a line; a line ending in '\' goes on */
} examples;

static const examples table[] = {
    {"jiazong", N_("from the top of the source tree"),
     "jiazong days count 2025-01-01 2025-12-31\n"
     "jiazong evaluate --as-of 2024-06-30 district -o results\n"},
    {"jz-audit", N_("from the top of the source tree"),
     "jz-audit --notice 2024-11-15 -o sg.txt samples/audit/HZ-SG.csv samples/audit/attendance-HZ-SG.csv\n"
     "jz-audit -f json -o audit.json --notice 2024-11-15 samples/audit/HZ-*.csv samples/audit/attendance-*.csv\n"},
    {"jz-days", N_("anywhere"),
     "jz-days add 2025-10-13 -10\n"
     "jz-days is 2025-09-28\n"
     "jz-days schedule 2025-10-13\n"},
    {"jz-hours", N_("in samples/ of the source tree"),
     "jz-hours -c contracts.csv -C HZ-BH -a 2024-06-30 records/HZ-BH.csv\n"
     "jz-hours -c contracts.csv -R roster.csv --as-of 2024-06-30 -C HZ-BH -C HZ-RF records/HZ-BH.csv records/HZ-RF.csv\n"},
    {"jz-report", N_("in samples/ of the source tree, on a result of jz-score -f json"),
     "jz-report mid.json\n"
     "jz-report -f xlsx -o district.xlsx mid.json\n"},
    {"jz-rubric", N_("from the top of the source tree"),
     "jz-rubric lint tests/rubrics/warnings.yaml\n"
     "jz-rubric test rubrics/guangzhou-unified.yaml\n"},
    {"jz-sample", N_("in samples/records/ of the source tree"),
     "jz-sample clients --seed '南洲街 2024 中期 4261-9930-1187' -n 12 HZ-NZ.csv\n"
     "jz-sample activities --seed '江南中街 2024 抽查 3318-0472-5561' \\\n"
     "    --per 2 --mode direct HZ-JL.csv\n"},
    {"jz-score", N_("in samples/ of the source tree"),
     "jz-score -r ../rubrics/guangzhou-unified.yaml -c contracts.csv -a 2024-06-30 -C HZ-BH records/HZ-BH.csv\n"
     "jz-score diff mid.json end.json\n"},
    {"jz-validate", N_("in samples/ of the source tree"),
     "jz-validate contracts.csv roster.csv records/PY-SQ.csv\n"
     "jz-validate -f csv -o problems.csv contracts.csv roster.csv records/PY-SQ.csv\n"},
    {"jz-verify", N_("from the top of the source tree"),
     "jz-verify plan --rate 10% --precision 3% --population 1495\n"
     "jz-verify --draw draw-HZ-NZ.csv samples/verify/verification-HZ-NZ.csv\n"},
};

void jz_cli_examples(FILE *fp)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(table[i].prog, jz_prog) != 0)
            continue;
        fprintf(fp, _("\nExamples (%s; man %s shows what they print):\n"), _(table[i].where), jz_prog);
        for (const char *l = table[i].lines; *l;) {
            const char *e = strchr(l, '\n');
            fprintf(fp, "  %.*s\n", (int)(e - l), l);
            l = e + 1;
        }
    }
}
