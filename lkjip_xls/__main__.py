from .cli import main

if __name__ == "__main__":  # a process started by multiprocessing (rekap on Windows) must not run the CLI
    main(prog_name="lkjip")
