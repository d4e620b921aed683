jz-rubric lint tests/bad/rubric-entered-outliers-no-tolerance.yaml
