jz-verify --draw tests/bad/verify-draw-without-weights.csv samples/verify/verification-HZ-NZ.csv
