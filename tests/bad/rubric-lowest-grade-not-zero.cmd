jz-rubric lint tests/bad/rubric-lowest-grade-not-zero.yaml
