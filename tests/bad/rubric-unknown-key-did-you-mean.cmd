jz-rubric lint tests/bad/rubric-unknown-key-did-you-mean.yaml
