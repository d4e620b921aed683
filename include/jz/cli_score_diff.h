/* cli_score_diff.h — `jz-score diff A.json B.json`, the sub-command that compares two
 * results of jz-score, per centre, section and indicator, with the causes.
 *
 * Promise: the front end of the sub-command (options, loading, the writer looked up by
 * name, atomic output, the exit status); it lives with the front-end helpers so that every
 * build of jz-score (Linux, the Windows cross-build) links it without a rule of its own.
 */
#ifndef JZ_CLI_SCORE_DIFF_H
#define JZ_CLI_SCORE_DIFF_H

/* Run `jz-score diff ARGS` with argv[0] = "diff"; returns the exit status. */
int jz_score_diff_main(int argc, char **argv);

#endif
