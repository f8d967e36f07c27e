"""The demo city run by `tuuma demo`: a fictional Finnish city full of ideas in every state.

`content` holds the Finnish texts written for this project, `build` turns them into data
through the real action functions and then moves everything back in time.
"""
