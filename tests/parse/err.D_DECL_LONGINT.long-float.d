long float f;
