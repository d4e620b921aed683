jz-rubric lint tests/bad/rubric-alias-bomb.yaml
