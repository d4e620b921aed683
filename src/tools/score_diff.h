/* score_diff.h — `jz-score diff`, the sub-command that compares two results. */
#ifndef JZ_TOOLS_SCORE_DIFF_H
#define JZ_TOOLS_SCORE_DIFF_H

/* Run `jz-score diff ARGS` with argv[0] = "diff"; returns the exit status. */
int jz_score_diff_main(int argc, char **argv);

#endif
