jz-verify --draw tests/bad/verify-draw-empty.csv samples/verify/verification-HZ-NZ.csv
