BEGIN { /* outer /* inner */ }
