jz-rubric lint tests/bad/rubric-points-15-digits.yaml
