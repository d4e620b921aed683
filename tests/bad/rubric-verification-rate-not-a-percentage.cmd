jz-rubric lint tests/bad/rubric-verification-rate-not-a-percentage.yaml
