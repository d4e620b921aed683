/* jiazong — the one command that names the others. See jiazong(1).
 *
 * Promise:
 * - `jiazong` alone (or --help) lists the tools and what each is for, in the user's
 *   language; `jiazong TOOL ARGS...` runs jz-TOOL from the folder jiazong is in with the
 *   same arguments, standard input and output, and exits with its status.
 * - `jiazong evaluate FOLDER -o OUTDIR` runs the whole chain for a district folder:
 *   validate, hours, score, audit, report, each tool a separate program, each step's
 *   command and messages in OUTDIR/evaluate.log. It stops at nothing: a step that fails
 *   is reported and the next ones still run on what exists; every centre it could not
 *   score is listed with the reason. OUTDIR/index.html links every output. The files of
 *   FOLDER (not its subfolders) are told apart by their headers; files of no known type
 *   are listed and left out. Nothing in FOLDER is written.
 * - Exit: 0 every step clean and every centre scored; 1 a step found problems (data
 *   failing a check, a centre not scored or below the pass grade); 2 usage; 3 FOLDER
 *   unreadable or holds no records, or the rubric is invalid (nothing scored); 4 a tool
 *   missing or a system error.
 */
#include "jz/cli.h"
#include "jz/emit.h"
#include "jz/i18n.h"
#include "jz/os.h"
#include "jz/result.h"
#include "jz/rowsrc.h"
#include "jz/schema.h"
#include "jz/table.h"
#include "jz/text.h"

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef _WIN32
#define EXE ".exe"
#else
#define EXE ""
#endif
/* Paths are joined with '/' on Windows too (it takes both), so that what is printed is
 * the same on both systems. */
#define SEP "/"

typedef struct tool {
    const char *name;  /* jz-NAME */
    const char *what;  /* N_() */
} tool;

static const tool tools[] = {
    {"validate", N_("check exported records, rosters and contracts, cell by cell")},
    {"hours", N_("contract hours and staffing: what each centre owed and delivered")},
    {"score", N_("score each centre by one published rubric, every point traced")},
    {"report", N_("reports from the scores: text, Markdown, HTML, Excel workbook")},
    {"audit", N_("screens for records made after the fact: entry times, clones")},
    {"sample", N_("draw the clients, activities and case files to check on paper")},
    {"verify", N_("from the evaluators' findings on a draw to a verified figure")},
    {"rubric", N_("show, check, compare and test rubrics")},
    {"days", N_("working days in mainland China and the evaluation timetable")},
};
enum { NTOOLS = sizeof tools / sizeof tools[0] };

static void list_tools(FILE *fp)
{
    fputs(_("Usage: jiazong TOOL [ARGS...]   run jz-TOOL (jiazong score ... is jz-score ...)\n"
            "       jiazong evaluate [OPTIONS] FOLDER -o OUTDIR\n"
            "                                 the whole chain for a district folder\n"
            "Evaluate Guangzhou's family integrated service centres (家综) from their\n"
            "exported records by one published rubric.\n\n"
            "Tools:\n"), fp);
    for (size_t i = 0; i < NTOOLS; i++) {
        fprintf(fp, "  %-10s ", tools[i].name);
        fputs(_(tools[i].what), fp);
        fputc('\n', fp);
    }
    fputs(_("  evaluate   validate, hours, score, audit and report for a folder, with an\n"
            "             index page (jiazong evaluate --help)\n\n"
            "Each tool has its --help and man page (man jz-score); man jiazong for this one.\n"
            "  -h, --help       show this list and exit\n"
            "  -V, --version    show the version and exit\n"
            "      --lang zh|en messages in Chinese or English (over LANG)\n"), fp);
    jz_cli_examples(fp);
}

static const char evaluate_usage[] =
    N_("Usage: jiazong evaluate [OPTIONS] FOLDER -o OUTDIR\n"
       "Run validate, hours, score, audit and report on every file of FOLDER (records,\n"
       "rosters, contracts, scores, survey, findings, attendance lists, told apart by\n"
       "their headers) into OUTDIR, with OUTDIR/index.html linking every output. Every\n"
       "step runs, whatever the one before found; every centre that could not be scored\n"
       "is listed with the reason.\n\n"
       "  -o, --output DIR        the folder for the outputs (created if missing)\n"
       "  -r, --rubric FILE       the rubric (default: the bundled guangzhou-unified.yaml)\n"
       "  -a, --as-of DATE        score and check hours as of DATE\n"
       "  -n, --notice DATE       audit: the day the centres were told of the evaluation\n"
       "  -h, --help              show this help and exit\n"
       "      --lang zh|en        messages in Chinese or English (over LANG)\n\n"
       "Example: jiazong evaluate district-2024 -o district-2024-results\n"
       "Exit status: 0 every step clean and every centre scored; 1 problems found or a\n"
       "centre not scored or below the pass grade; 2 usage error; 3 FOLDER unreadable,\n"
       "without records, or an invalid rubric; 4 a tool missing or a system error.\n");

/* ---- running the tools ---- */

static char *exe_dir;

/* The path of jz-NAME beside this program, or NULL (message printed). */
static char *tool_path(const char *name)
{
    if (!exe_dir && !(exe_dir = jz_os_exe_dir())) {
        jz_cli_warn(_("cannot tell the folder this program is in, so cannot find jz-%s"), name);
        return NULL;
    }
    size_t n = strlen(exe_dir) + strlen(name) + 16;
    char *p = malloc(n);
    if (!p)
        return NULL;
    snprintf(p, n, "%s" SEP "jz-%s" EXE, exe_dir, name);
    if (access(p, 0) != 0) {
        jz_cli_warn(_("%s is missing: the tools are installed together (make install)"), p);
        free(p);
        return NULL;
    }
    return p;
}

static int dispatch(const char *name, int argc, char **argv)
{
    for (const char *c = name; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || *c == '-'))
            return jz_cli_usage_error(_("'%s' is not a tool: run jiazong to list them"), name);
    bool known = false;
    for (size_t i = 0; i < NTOOLS; i++)
        known |= strcmp(tools[i].name, name) == 0;
    if (!known)
        return jz_cli_usage_error(_("'%s' is not a tool: run jiazong to list them"), name);
    char *path = tool_path(name);
    if (!path)
        return 4;
    char **av = calloc((size_t)argc + 1, sizeof *av);
    if (!av)
        return 4;
    char prog[64];
    snprintf(prog, sizeof prog, "jz-%s", name);
    av[0] = prog;
    for (int i = 1; i < argc; i++)
        av[i] = argv[i];
    fflush(stdout);
    int rc = jz_os_run(path, av, NULL);
    if (rc < 0) {
        jz_cli_warn(_("cannot run %s: %s"), path, strerror(errno));
        rc = 4;
    }
    free(av);
    free(path);
    return rc;
}

/* ---- evaluate ---- */

typedef struct strv {
    char **v;
    size_t n, cap;
} strv;

static void push(strv *s, const char *x)
{
    if (s->n + 2 > s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        char **v = realloc(s->v, s->cap * sizeof *v);
        if (!v) {
            jz_cli_warn("%s", _("out of memory"));
            exit(4);
        }
        s->v = v;
    }
    char *d = strdup(x);
    if (!d) {
        jz_cli_warn("%s", _("out of memory"));
        exit(4);
    }
    s->v[s->n++] = d;
    s->v[s->n] = NULL;
}

static void strv_free(strv *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

static char *join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (!p) {
        jz_cli_warn("%s", _("out of memory"));
        exit(4);
    }
    snprintf(p, n, "%s" SEP "%s", dir, name);
    return p;
}

/* The type of the file at path from its header (below title rows too, as every tool
 * finds it: jz_table_peek), JZ_FILE_UNKNOWN when none or unreadable. */
static jz_filetype file_type(const char *path)
{
    return jz_table_peek(path, JZ_ENC_AUTO);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool table_file(const char *name)
{
    size_t n = strlen(name);
    static const char *const exts[] = {".csv", ".xlsx", ".xls"};
    for (size_t i = 0; i < sizeof exts / sizeof exts[0]; i++) {
        size_t e = strlen(exts[i]);
        if (n > e) {
            bool same = true;
            for (size_t k = 0; k < e; k++)
                same &= (name[n - e + k] | 0x20) == exts[i][k];
            if (same)
                return true;
        }
    }
    return false;
}

typedef struct step {
    const char *title;   /* N_() */
    const char *output;  /* file name in OUTDIR the step's main output has */
    int status;          /* exit status; -1 not run */
    const char *why;     /* why not run (N_()), or NULL */
} step;

typedef struct evaluation {
    const char *folder, *outdir, *rubric, *as_of, *notice;
    char *log;
    strv files[JZ_FILE_VERIFICATION + 1];
    strv unknown;
    step steps[16];
    size_t nsteps;
    size_t score_step;  /* index of the scoring step + 1; 0 when not run */
} evaluation;

static void log_line(const evaluation *ev, char *const *argv)
{
    FILE *fp = fopen(ev->log, "a");
    if (!fp)
        return;
    fputs("\n$", fp);
    for (size_t i = 0; argv[i]; i++)
        fprintf(fp, " %s", argv[i]);
    fputc('\n', fp);
    fclose(fp);
}

static const char *status_text(int st)
{
    switch (st) {
    case 0: return _("clean");
    case 1: return _("problems found");
    case 2: return _("usage error");
    case 3: return _("input invalid: nothing computed");
    case -1: return _("not run");
    default: return _("system error");
    }
}

/* Run jz-NAME with args (argv[0] set here), its messages appended to the log. */
static void run_step(evaluation *ev, const char *title, const char *name, const char *output, strv *args)
{
    step *s = &ev->steps[ev->nsteps++];
    *s = (step){.title = title, .output = output, .status = -1};
    char *path = tool_path(name);
    if (!path) {
        s->status = 4;
        s->why = N_("the tool is missing");
        return;
    }
    char prog[64];
    snprintf(prog, sizeof prog, "jz-%s", name);
    strv av = {0};
    push(&av, prog);
    for (size_t i = 0; i < args->n; i++)
        push(&av, args->v[i]);
    log_line(ev, av.v);
    s->status = jz_os_run(path, av.v, ev->log);
    if (s->status < 0) {
        jz_cli_warn(_("cannot run %s: %s"), path, strerror(errno));
        s->status = 4;
    }
    printf("%2zu  ", ev->nsteps);
    jz_text_pad(stdout, _(title), 42);
    printf(_(" %s (exit %d)"), status_text(s->status), s->status);
    if (output)
        printf(" -> %s", output);
    putchar('\n');
    fflush(stdout);
    strv_free(&av);
    free(path);
    strv_free(args);
}

static void skip_step(evaluation *ev, const char *title, const char *why)
{
    step *s = &ev->steps[ev->nsteps++];
    *s = (step){.title = title, .status = -1, .why = why};
    printf("%2zu  ", ev->nsteps);
    jz_text_pad(stdout, _(title), 42);
    printf(_(" not run: %s\n"), _(why));
}

static void add_opt(strv *a, const char *opt, const strv *files)
{
    for (size_t i = 0; i < files->n; i++) {
        push(a, opt);
        push(a, files->v[i]);
    }
}

static void add_all(strv *a, const strv *files)
{
    for (size_t i = 0; i < files->n; i++)
        push(a, files->v[i]);
}

static char *out_path(const evaluation *ev, const char *name)
{
    return join(ev->outdir, name);
}

static void push_out(strv *a, const evaluation *ev, const char *name)
{
    char *p = out_path(ev, name);
    push(a, "-o");
    push(a, p);
    free(p);
}

static bool exists(const evaluation *ev, const char *name)
{
    char *p = out_path(ev, name);
    bool ok = access(p, 0) == 0;
    free(p);
    return ok;
}

static const char *const type_label[] = {
    N_("unknown"), N_("records"), N_("roster"), N_("contracts"), N_("evaluators' scores"),
    N_("survey"), N_("findings"), N_("attendance lists"), N_("verification"),
};

static bool write_index(const evaluation *ev, const jz_results *res, bool have_res)
{
    char *path = out_path(ev, "index.html");
    jz_out out;
    bool ok = jz_out_open(&out, path);
    free(path);
    if (!ok)
        return false;
    FILE *fp = out.fp;
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>", fp);
    jz_html_text(fp, _("Evaluation of a folder"));
    fputs(": ", fp);
    jz_html_text(fp, ev->folder);
    fputs("</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
          "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2em .6em;text-align:left}"
          ".bad{color:#a00}</style>\n</head>\n<body>\n<h1>", fp);
    jz_html_text(fp, _("Evaluation of a folder"));
    fputs(": ", fp);
    jz_html_text(fp, ev->folder);
    fputs("</h1>\n<h2>", fp);
    jz_html_text(fp, _("Steps"));
    fputs("</h2>\n<table>\n", fp);
    for (size_t i = 0; i < ev->nsteps; i++) {
        const step *s = &ev->steps[i];
        fprintf(fp, "<tr><td>%zu</td><td>", i + 1);
        jz_html_text(fp, _(s->title));
        fprintf(fp, "</td><td%s>", s->status ? " class=\"bad\"" : "");
        jz_html_text(fp, s->why ? _(s->why) : status_text(s->status));
        fputs("</td><td>", fp);
        if (s->output && exists(ev, s->output)) {
            fputs("<a href=\"", fp);
            jz_html_text(fp, s->output);
            fputs("\">", fp);
            jz_html_text(fp, s->output);
            fputs("</a>", fp);
        }
        fputs("</td></tr>\n", fp);
    }
    fputs("</table>\n<p><a href=\"evaluate.log\">evaluate.log</a></p>\n<h2>", fp);
    jz_html_text(fp, _("Centres"));
    fputs("</h2>\n", fp);
    if (have_res) {
        fputs("<table>\n<tr><th>", fp);
        jz_html_text(fp, _("centre"));
        fputs("</th><th>", fp);
        jz_html_text(fp, _("contract"));
        fputs("</th><th>", fp);
        jz_html_text(fp, _("total"));
        fputs("</th><th>", fp);
        jz_html_text(fp, _("grade"));
        fputs("</th><th>", fp);
        jz_html_text(fp, _("note"));
        fputs("</th></tr>\n", fp);
        for (size_t i = 0; i < res->ncentres; i++) {
            const jz_rcentre *c = &res->centres[i];
            fputs("<tr><td>", fp);
            jz_html_text(fp, c->centre);
            fputs("</td><td>", fp);
            jz_html_text(fp, c->contract);
            fputs("</td><td>", fp);
            bool graded = c->scored && c->grade && *c->grade;
            jz_html_text(fp, graded ? c->total.text : "");  /* a re-weighted figure is no total */
            fprintf(fp, "</td><td%s>", graded ? "" : " class=\"bad\"");
            if (c->scored && !graded) {
                char what[256];
                snprintf(what, sizeof what, _("no grade (re-weighted %s of %s is not a score)"), c->total.text,
                         res->files[c->file].scale.text);
                jz_html_text(fp, what);
            } else {
                jz_html_text(fp, !c->scored ? _("not scored") : c->grade);
            }
            fputs("</td><td>", fp);
            jz_html_text(fp, c->grade_note);
            fputs("</td></tr>\n", fp);
        }
        fputs("</table>\n", fp);
    } else {
        fputs("<p class=\"bad\">", fp);
        jz_html_text(fp, _("No centre was scored: see the steps and evaluate.log."));
        fputs("</p>\n", fp);
    }
    fputs("<h2>", fp);
    jz_html_text(fp, _("Files read"));
    fputs("</h2>\n<ul>\n", fp);
    for (int t = 1; t <= JZ_FILE_VERIFICATION; t++)
        for (size_t i = 0; i < ev->files[t].n; i++) {
            fputs("<li>", fp);
            jz_html_text(fp, ev->files[t].v[i]);
            fputs(" (", fp);
            jz_html_text(fp, _(type_label[t]));
            fputs(")</li>\n", fp);
        }
    for (size_t i = 0; i < ev->unknown.n; i++) {
        fputs("<li class=\"bad\">", fp);
        jz_html_text(fp, ev->unknown.v[i]);
        fputs(" (", fp);
        jz_html_text(fp, _("not used: no known header"));
        fputs(")</li>\n", fp);
    }
    fputs("</ul>\n</body>\n</html>\n", fp);
    return jz_out_commit(&out);
}

/* The table files of dir and of its subfolders (a district folder often holds one
 * subfolder per centre), each folder's entries in name order, files before subfolders.
 * Hidden entries, symbolic links to folders and the output folder are not entered. */
enum { MAX_DEPTH = 8 };  /* folders within folders: deeper is refused, not read in part */

static int scan_dir(evaluation *ev, const char *dir, const struct stat *out, int depth)
{
    DIR *d = opendir(dir);
    if (!d) {
        jz_cli_warn(_("cannot read the folder %s: %s"), dir, strerror(errno));
        return 3;
    }
    strv names = {0}, subs = {0};
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            push(&names, e->d_name);
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof *names.v, by_name);
    for (size_t i = 0; i < names.n; i++) {
        char *p = join(dir, names.v[i]);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (!(out && st.st_dev == out->st_dev && st.st_ino == out->st_ino))
                push(&subs, p);
        } else if (table_file(names.v[i]) && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            jz_filetype t = file_type(p);
            push(t == JZ_FILE_UNKNOWN ? &ev->unknown : &ev->files[t], p);
        }
        free(p);
    }
    strv_free(&names);
    int rc = 0;
    for (size_t i = 0; i < subs.n && !rc; i++) {
        if (depth + 1 > MAX_DEPTH) {
            jz_cli_warn(_("%s: folders nested more than %d deep: give a folder nearer the files"), subs.v[i],
                        MAX_DEPTH);
            rc = 3;
        } else
            rc = scan_dir(ev, subs.v[i], out, depth + 1);
    }
    strv_free(&subs);
    return rc;
}

static int read_folder(evaluation *ev)
{
    struct stat out;
    bool have_out = stat(ev->outdir, &out) == 0;
    int rc = scan_dir(ev, ev->folder, have_out ? &out : NULL, 0);
    if (rc)
        return rc;
    for (int t = 1; t <= JZ_FILE_VERIFICATION; t++)
        if (ev->files[t].n)
        {
            jz_text_pad(stdout, _(type_label[t]), 20);
            printf(_(" %zu file(s)\n"), ev->files[t].n);
        }
    for (size_t i = 0; i < ev->unknown.n; i++)
        printf(_("not used (no known header): %s\n"), ev->unknown.v[i]);
    if (!ev->files[JZ_FILE_RECORDS].n) {
        jz_cli_warn(_("%s holds no service records (a .csv, .xlsx or .xls whose header has record_id or 记录编号), nor do its subfolders"),
                    ev->folder);
        return 3;
    }
    return 0;
}

/* One of evaluate's own options (jz_cli_spec.option). */
static int evaluate_option(void *ctx, int c, const char *arg, const char *name)
{
    evaluation *ev = ctx;
    (void)name;
    switch (c) {
    case 'r': ev->rubric = arg; break;
    case 'a': ev->as_of = arg; break;
    case 'n': ev->notice = arg; break;
    default: break;  /* -o: the common options */
    }
    return -1;
}

static int evaluate(int argc, char **argv)
{
    evaluation ev = {0};
    static const struct option longopts[] = {
        {"rubric", required_argument, NULL, 'r'}, {"as-of", required_argument, NULL, 'a'},
        {"notice", required_argument, NULL, 'n'}, {NULL, 0, NULL, 0},
    };
    /* evaluate_usage is N_() already: --help prints its translation, without examples */
    const jz_cli_spec spec = {.usage = evaluate_usage, .no_examples = true, .common = JZ_CLI_OUTPUT,
                              .shortopts = "r:a:n:", .longopts = longopts, .option = evaluate_option,
                              .ctx = &ev};
    jz_cli_common common = {0};
    int rc = jz_cli_parse(&spec, argc, argv, &common);
    ev.outdir = common.output;
    if (rc >= 0)
        return rc;
    if (optind + 1 != argc)
        return jz_cli_usage_error(optind == argc ? _("evaluate: give the FOLDER with the district's files")
                                                 : _("evaluate: give one FOLDER"));
    ev.folder = argv[optind];
    if (!ev.outdir)
        return jz_cli_usage_error("%s", _("evaluate: give -o OUTDIR, the folder for the outputs"));
    if (strcmp(ev.outdir, ev.folder) == 0)
        return jz_cli_usage_error("%s", _("evaluate: OUTDIR must not be FOLDER (inputs are never replaced)"));
    char *bundled = NULL;
    if (!ev.rubric) {
        bundled = jz_cli_data_path("guangzhou-unified.yaml");
        if (!bundled) {
            jz_cli_warn("%s", _("the bundled rubric guangzhou-unified.yaml is missing: give -r RUBRIC"));
            return 4;
        }
        ev.rubric = bundled;
    }
    rc = read_folder(&ev);
    if (rc) {
        free(bundled);
        for (int t = 0; t <= JZ_FILE_VERIFICATION; t++)
            strv_free(&ev.files[t]);
        strv_free(&ev.unknown);
        return rc;
    }
    if (jz_os_mkdir(ev.outdir) != 0 && errno != EEXIST) {
        jz_cli_warn(_("cannot create %s: %s"), ev.outdir, strerror(errno));
        return 4;
    }
    ev.log = out_path(&ev, "evaluate.log");
    FILE *lf = fopen(ev.log, "w");
    if (!lf) {
        jz_cli_warn(_("cannot write %s: %s"), ev.log, strerror(errno));
        return 4;
    }
    fprintf(lf, "jiazong evaluate %s -o %s\n", ev.folder, ev.outdir);
    fclose(lf);

    strv *rec = &ev.files[JZ_FILE_RECORDS], *roster = &ev.files[JZ_FILE_ROSTER],
         *contracts = &ev.files[JZ_FILE_CONTRACTS], *att = &ev.files[JZ_FILE_ATTENDANCE];
    strv a = {0};

    /* 1. validate: every file of a known type, read together */
    for (int t = 1; t <= JZ_FILE_VERIFICATION; t++)
        add_all(&a, &ev.files[t]);
    push_out(&a, &ev, "validate.txt");
    run_step(&ev, N_("check the files (jz-validate)"), "validate", "validate.txt", &a);
    push(&a, "-q"), push(&a, "-f"), push(&a, "json");
    for (int t = 1; t <= JZ_FILE_VERIFICATION; t++)
        add_all(&a, &ev.files[t]);
    push_out(&a, &ev, "validate.json");
    run_step(&ev, N_("the same, for scripts (json)"), "validate", "validate.json", &a);

    /* 2. hours */
    if (contracts->n) {
        add_opt(&a, "--contracts", contracts);
        add_opt(&a, "--roster", roster);
        if (ev.as_of)
            push(&a, "--as-of"), push(&a, ev.as_of);
        push(&a, "--skip-invalid"), push(&a, "-f"), push(&a, "csv");
        push_out(&a, &ev, "hours.csv");
        add_all(&a, rec);
        run_step(&ev, N_("contract hours (jz-hours)"), "hours", "hours.csv", &a);
    } else {
        skip_step(&ev, N_("contract hours (jz-hours)"), N_("no contracts file in the folder"));
    }

    /* 3. score: every centre that can be, the others listed with the reason */
    if (contracts->n) {
        push(&a, "--rubric"), push(&a, ev.rubric);
        add_opt(&a, "--contracts", contracts);
        add_opt(&a, "--roster", roster);
        add_opt(&a, "--scores", &ev.files[JZ_FILE_SCORES]);
        add_opt(&a, "--survey", &ev.files[JZ_FILE_SURVEY]);
        add_opt(&a, "--findings", &ev.files[JZ_FILE_FINDINGS]);
        if (ev.as_of)
            push(&a, "--as-of"), push(&a, ev.as_of);
        push(&a, "--skip-invalid"), push(&a, "-f"), push(&a, "json");
        push_out(&a, &ev, "result.json");
        add_all(&a, rec);
        run_step(&ev, N_("score by the rubric (jz-score)"), "score", "result.json", &a);
        ev.score_step = ev.nsteps;
    } else {
        skip_step(&ev, N_("score by the rubric (jz-score)"), N_("no contracts file in the folder"));
    }

    /* 4. audit: records, attendance lists, roster and contracts */
    for (int json = 0; json < 2; json++) {
        if (ev.notice)
            push(&a, "--notice"), push(&a, ev.notice);
        if (ev.as_of)
            push(&a, "--as-of"), push(&a, ev.as_of);
        if (json)
            push(&a, "-f"), push(&a, "json");
        push_out(&a, &ev, json ? "audit.json" : "audit.txt");
        add_all(&a, rec);
        add_all(&a, att);
        add_all(&a, roster);
        add_all(&a, contracts);
        run_step(&ev, json ? N_("the same, for the report (json)") : N_("screens for made-up records (jz-audit)"),
                 "audit", json ? "audit.json" : "audit.txt", &a);
    }

    /* 5. reports from the result */
    bool have_result = exists(&ev, "result.json");
    static const struct { const char *fmt, *file, *title; } reps[] = {
        {"text", "report.txt", N_("report (text)")},
        {"html", "report.html", N_("report to print (HTML)")},
        {"xlsx", "district.xlsx", N_("district workbook (Excel)")},
        {"md", "report.md", N_("report (Markdown)")},
    };
    for (size_t i = 0; i < sizeof reps / sizeof reps[0]; i++) {
        if (!have_result) {
            skip_step(&ev, reps[i].title, N_("no result: the scoring step computed nothing"));
            continue;
        }
        push(&a, "-f"), push(&a, reps[i].fmt);
        if (exists(&ev, "audit.json") && strcmp(reps[i].fmt, "md") != 0) {
            char *p = out_path(&ev, "audit.json");
            push(&a, "--audit"), push(&a, p);
            free(p);
        }
        push_out(&a, &ev, reps[i].file);
        char *p = out_path(&ev, "result.json");
        push(&a, p);
        free(p);
        run_step(&ev, reps[i].title, "report", reps[i].file, &a);
    }

    /* the centres: scored or not, and why */
    jz_results res = {0};
    bool have_res = false;
    size_t not_scored = 0, no_grade = 0;
    if (have_result) {
        char *p = out_path(&ev, "result.json");
        jz_error err;
        jz_error_clear(&err);
        have_res = jz_results_load(&res, p, &err) == JZ_OK;
        if (!have_res)
            jz_cli_error(&err);
        free(p);
    }
    if (have_res) {
        putchar('\n');
        for (size_t i = 0; i < res.ncentres; i++) {
            const jz_rcentre *cc = &res.centres[i];
            if (!cc->scored) {
                not_scored++;
                printf(_("%s: not scored: %s\n"), cc->centre, cc->grade_note ? cc->grade_note : "");
            } else {
                bool graded = cc->grade && *cc->grade;
                no_grade += !graded;
                if (graded)
                    printf(_("%s: %s points, %s\n"), cc->centre, cc->total.text, cc->grade);
                else  /* the re-weighted figure is never shown as a total (as jz-report says it) */
                    printf(_("%s: no grade (re-weighted %s of %s is not a score)\n"), cc->centre, cc->total.text,
                           res.files[cc->file].scale.text);
                if (!graded && cc->grade_note && *cc->grade_note)
                    printf("    %s\n", cc->grade_note);
            }
        }
    }
    bool index_ok = write_index(&ev, &res, have_res);
    if (index_ok) {
        char *p = out_path(&ev, "index.html");
        printf(_("\nindex: %s\n"), p);
        free(p);
    }

    int worst = 0;
    for (size_t i = 0; i < ev.nsteps; i++) {
        int st = ev.steps[i].status;
        if (st >= 4 || st == 2)  /* 2: this program called a tool wrongly */
            worst = 4;
        else if (st == 3 && worst < 3 && i + 1 == ev.score_step)  /* nothing scored */
            worst = 3;
        else if (st != 0 && worst < 1)
            worst = 1;
    }
    if (worst < 1 && (not_scored || no_grade))
        worst = 1;
    if (!index_ok)
        worst = 4;
    if (have_res)
        jz_results_free(&res);
    free(ev.log);
    free(bundled);
    for (int t = 0; t <= JZ_FILE_VERIFICATION; t++)
        strv_free(&ev.files[t]);
    strv_free(&ev.unknown);
    return jz_cli_stdout_ok() ? worst : 4;
}

int main(int argc, char **argv)
{
    jz_cli_init(argv[0]);
    int rc = jz_cli_lang(&argc, argv);
    if (rc)
        return rc;
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        list_tools(stdout);
        return jz_cli_stdout_ok() ? 0 : 4;
    }
    if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
        jz_cli_version();
        return jz_cli_stdout_ok() ? 0 : 4;
    }
    if (argv[1][0] == '-')
        return jz_cli_usage_error(_("unknown option %s: the options come after the tool's name"), argv[1]);
    if (!strcmp(argv[1], "evaluate"))
        return evaluate(argc - 1, argv + 1);
    const char *name = argv[1];
    if (!strncmp(name, "jz-", 3))
        name += 3;
    return dispatch(name, argc - 1, argv + 1);
}
