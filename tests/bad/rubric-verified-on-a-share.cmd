jz-rubric lint tests/bad/rubric-verified-on-a-share.yaml
