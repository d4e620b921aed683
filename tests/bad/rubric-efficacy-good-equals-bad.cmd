jz-rubric lint tests/bad/rubric-efficacy-good-equals-bad.yaml
