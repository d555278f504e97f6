"""The delegate portal: thin views over the people, marketplace and meetings services.

Every page of a delegate goes through ``participant_required`` (an approved registration at
the URL's event) and looks rows up through the delegate, so another delegate's ids or
another event's ids are simply not found.
"""
