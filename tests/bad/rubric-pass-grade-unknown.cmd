jz-rubric lint tests/bad/rubric-pass-grade-unknown.yaml
