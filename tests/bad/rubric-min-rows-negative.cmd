jz-rubric lint tests/bad/rubric-min-rows-negative.yaml
