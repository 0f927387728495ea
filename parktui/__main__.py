from parktui.cli import main

raise SystemExit(main())
